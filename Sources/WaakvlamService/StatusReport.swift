import Foundation
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

    public init(store: StoreStatistics, spoolBacklog: Int, rejectedFiles: Int, stateDirectory: String) {
        self.store = store
        self.spoolBacklog = spoolBacklog
        self.rejectedFiles = rejectedFiles
        self.stateDirectory = stateDirectory
    }
}

extension WaakvlamEnvironment {
    /// The status of this state directory now.
    public func statusReport() throws -> StatusReport {
        let rejected = (try? FileManager.default.contentsOfDirectory(atPath: paths.rejectedDirectory)) ?? []
        return StatusReport(store: try database.statistics(), spoolBacklog: spool.backlog(),
                            rejectedFiles: rejected.filter { !$0.hasSuffix(".errors") }.count, stateDirectory: paths.stateDirectory)
    }
}
