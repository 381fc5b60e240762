import Foundation
import WaakvlamConfig
import WaakvlamStore

/// What `status` reports: the store's figures and the state directory's queues. The command
/// line prints it (directly or from the daemon's `status` answer); `status --json` is this object.
public struct StatusReport: Codable, Sendable, Equatable {
    /// What the store holds.
    public var store: StoreStatistics
    /// Files waiting in `inbox/`.
    public var spoolBacklog: Int
    /// Files of rejected rows in `rejected/` (not counting their `.errors` companions).
    public var rejectedFiles: Int
    /// The state directory.
    public var stateDirectory: String
    /// The configuration's version (see ``ConfigurationReloader/version(_:)``): the daemon's
    /// when it answers, else the one on disk.
    public var configurationVersion: String
    /// Sources that delivered nothing for longer than `ingest.silent_after`.
    public var silentSources: [String]
    /// The running daemon's work that is failing and being retried (empty when the state
    /// directory was read without a daemon).
    public var faults: [DaemonFault]

    /// A report of these figures.
    public init(store: StoreStatistics, spoolBacklog: Int, rejectedFiles: Int, stateDirectory: String, configurationVersion: String,
                silentSources: [String], faults: [DaemonFault] = []) {
        self.store = store
        self.spoolBacklog = spoolBacklog
        self.rejectedFiles = rejectedFiles
        self.stateDirectory = stateDirectory
        self.configurationVersion = configurationVersion
        self.silentSources = silentSources
        self.faults = faults
    }
}

extension WaakvlamEnvironment {
    /// The status of this state directory at `now`, under `configuration` (the one in force,
    /// with its `version`; by default this environment's, fingerprinted from its files now).
    public func statusReport(at now: Int64, configuration: LoadedConfiguration? = nil, version: String? = nil) throws -> StatusReport {
        let rejected = (try? FileManager.default.contentsOfDirectory(atPath: paths.rejectedDirectory)) ?? []
        let store = try database.statistics()
        let inForce = configuration ?? self.configuration
        return StatusReport(store: store, spoolBacklog: spool.backlog(),
                            rejectedFiles: rejected.filter { !$0.hasSuffix(".errors") }.count, stateDirectory: paths.stateDirectory,
                            configurationVersion: version ?? ConfigurationReloader.version(inForce),
                            silentSources: store.silentSources(at: now, after: inForce.daemon.ingest.silentAfter))
    }
}
