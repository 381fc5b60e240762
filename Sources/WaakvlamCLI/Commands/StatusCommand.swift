import ArgumentParser
import Foundation
import WaakvlamCore
import WaakvlamStore

/// `waakvlam status`: health and counts of a state directory.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Health, counts, last ingest and queue depths.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Machine-readable output.") var json = false

    struct Report: Encodable {
        var store: StoreStatistics
        var spoolBacklog: Int
        var rejectedFiles: Int
        var stateDirectory: String
    }

    func run() async throws {
        let environment = try global.openEnvironment()
        let rejected = (try? FileManager.default.contentsOfDirectory(atPath: environment.paths.rejectedDirectory)) ?? []
        let report = Report(
            store: try environment.database.statistics(), spoolBacklog: environment.spool.backlog(),
            rejectedFiles: rejected.filter { !$0.hasSuffix(".errors") }.count, stateDirectory: environment.paths.stateDirectory)
        if json { return try Terminal.json(report) }
        let calendar = LocalCalendar(identifier: environment.configuration.daemon.timeZone)!
        func when(_ instant: Int64?) -> String { instant.map { "\(calendar.localDate(of: $0))" } ?? "never" }
        Terminal.print("state:      \(report.stateDirectory)")
        Terminal.print("stored:     \(report.store.signals) signals (\(report.store.repeats) arrears repeats), \(report.store.residents) households, \(report.store.buildings) buildings")
        let levels = { (counts: [String: Int]) in ["green", "amber", "red", "unknown"].compactMap { key in counts[key].map { "\($0) \(key)" } }.joined(separator: ", ") }
        Terminal.print("households: \(levels(report.store.residentLevels)) (evaluated \(when(report.store.evaluatedAt)))")
        Terminal.print("buildings:  \(levels(report.store.buildingLevels))")
        Terminal.print("database:   \(report.store.databaseBytes / 1024) KiB")
        Terminal.print("spool:      \(report.spoolBacklog) file(s) waiting, \(report.store.unfinishedRuns) interrupted, \(report.rejectedFiles) rejected file(s)")
        Terminal.print("last ingest: \(when(report.store.lastIngestAt))")
        for source in report.store.sources {
            Terminal.print("  \(source.name): \(source.signals) signals, last \(when(source.lastIngestAt))")
        }
    }
}
