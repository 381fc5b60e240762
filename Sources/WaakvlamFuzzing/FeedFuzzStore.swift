import Foundation
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamStore

/// An in-memory store and the one ingest path over it, shared by the inputs of one fuzz target.
///
/// Shared on purpose: keys from earlier inputs come back in later ones, so the duplicate
/// and conflict paths are fuzzed too. Rejected rows go to a temporary directory that is
/// emptied after each input.
final class FeedFuzzStore: @unchecked Sendable {
    // Inputs are checked one at a time; the lock keeps that true if a caller does not.
    private let lock = NSLock()
    private let database: AppDatabase
    private let ingestor: Ingestor
    private let rejectedDirectory: String

    init(rules: RuleSet, calendar: LocalCalendar, settings: IngestSettings) throws {
        rejectedDirectory = NSTemporaryDirectory() + "waakvlam-fuzz-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: rejectedDirectory, withIntermediateDirectories: true)
        database = try AppDatabase.inMemory()
        ingestor = Ingestor(database: database, rules: rules, calendar: calendar, settings: settings, rejectedDirectory: rejectedDirectory)
    }

    deinit { try? FileManager.default.removeItem(atPath: rejectedDirectory) }

    /// Ingests `input`, its format sniffed as the fuzz target's reads do, and returns its report
    /// with how many signals the store gained.
    func ingest(_ input: [UInt8], now: Int64) throws -> (report: IngestReport, storedSignals: Int) {
        lock.lock()
        defer { lock.unlock() }
        defer {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: rejectedDirectory)) ?? [] {
                try? FileManager.default.removeItem(atPath: rejectedDirectory + "/" + file)
            }
        }
        let before = try database.statistics().signals
        let report = try ingestor.ingest(Ingestor.Input(source: MemorySource(input), name: "fuzz", channel: .command), now: now)
        return (report, try database.statistics().signals - before)
    }
}
