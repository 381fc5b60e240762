import ArgumentParser
import Foundation
import WaakvlamConfig
import WaakvlamCore
import WaakvlamService
import WaakvlamSocket
import WaakvlamStore

/// `waakvlam status`: health and counts of a state directory, from the daemon when it runs.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Health, counts, last ingest and queue depths.",
        discussion: "Asks the daemon over its socket when it runs; otherwise reads the state directory.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var daemon: DaemonOptions
    @Flag(help: "Machine-readable output.") var json = false

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let report = try fromDaemon(configuration) ?? statusHere(configuration)
        if json { return try Terminal.json(report) }
        let calendar = LocalCalendar(identifier: configuration.daemon.timeZone)!
        func when(_ instant: Int64?) -> String { instant.map { "\(calendar.localDate(of: $0))" } ?? "never" }
        Terminal.print("state:      \(report.stateDirectory)")
        Terminal.print("stored:     \(report.store.signals) signals (\(report.store.repeats) arrears repeats), \(report.store.residents) households, \(report.store.buildings) buildings")
        let levels = { (counts: [String: Int]) in ["green", "amber", "red", "unknown"].compactMap { key in counts[key].map { "\($0) \(key)" } }.joined(separator: ", ") }
        Terminal.print("households: \(levels(report.store.residentLevels)) (evaluated \(when(report.store.evaluatedAt)))")
        Terminal.print("buildings:  \(levels(report.store.buildingLevels))")
        Terminal.print("database:   \(report.store.databaseBytes / 1024) KiB")
        Terminal.print("spool:      \(report.spoolBacklog) file(s) waiting, \(report.store.unfinishedRuns) interrupted, \(report.rejectedFiles) rejected file(s)")
        Terminal.print("notices:    \(report.store.noticesPending) waiting for the notice log")
        Terminal.print("last purge: \(when(report.store.lastPurgeAt))")
        Terminal.print("configuration: version \(report.configurationVersion)")
        let stamp = ISO8601DateFormatter()
        stamp.timeZone = calendar.timeZone
        for fault in report.faults {
            let since = stamp.string(from: Date(timeIntervalSince1970: TimeInterval(fault.since)))
            Terminal.print("FAULT:      \(fault.summary), since \(since): \(fault.error)")
        }
        Terminal.print("last ingest: \(when(report.store.lastIngestAt))")
        for source in report.store.sources {
            let silent = report.silentSources.contains(source.name) ? "  SILENT: nothing for longer than \(configuration.daemon.ingest.silentAfter)" : ""
            Terminal.print("  \(source.name): \(source.signals) signals, last \(when(source.lastIngestAt))\(silent)")
        }
        if !report.faults.isEmpty {
            Terminal.error("waakvlam status: the daemon is retrying failing work: \(report.faults.map(\.work).joined(separator: ", ")) — see the journal")
        }
        if !report.silentSources.isEmpty {
            Terminal.error("waakvlam status: silent source(s): \(report.silentSources.joined(separator: ", ")) — check that system's export")
        }
    }

    /// The state directory's figures, read directly.
    private func statusHere(_ configuration: LoadedConfiguration) throws -> StatusReport {
        let environment = try global.openEnvironment(configuration)
        return try environment.statusReport(at: environment.clock.now())
    }

    /// The daemon's figures, or nil to read the state directory (no daemon, or one that will not serve us).
    private func fromDaemon(_ configuration: LoadedConfiguration) throws -> StatusReport? {
        guard let link = try DaemonLink.open(configuration, command: "status", writes: false, options: daemon) else { return nil }
        let answer: DaemonLink.Answer
        do { answer = try link.call(["op": "status"]) } catch is DaemonLink.Refused { return nil }
        switch answer {
        case .ok(let members):
            guard let backlog = members["spool_backlog"]?.int64Value, let rejected = members["rejected_files"]?.int64Value,
                  let state = members["state_directory"]?.stringValue, let version = members["configuration_version"]?.stringValue,
                  let silent = members["silent_sources"]?.arrayValue else { return nil } // an older daemon: read directly
            return StatusReport(store: try DaemonLink.decode(StoreStatistics.self, from: members), spoolBacklog: Int(backlog),
                                rejectedFiles: Int(rejected), stateDirectory: state, configurationVersion: version,
                                silentSources: silent.compactMap(\.stringValue), faults: (members["faults"]?.arrayValue ?? []).compactMap { try? DaemonLink.decode(DaemonFault.self, from: $0.objectValue ?? [:]) })
        case .failed(let message):
            Terminal.error("waakvlam status: \(message)")
            throw ExitCode.failure
        }
    }
}
