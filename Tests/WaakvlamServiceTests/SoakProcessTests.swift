#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import Testing
import WaakvlamStore
import WaakvlamTesting

/// The soak (issue 5): the real daemon through months of simulated time — restarts (SIGTERM and
/// `kill -9` mid spool file), reloads, log rotations and purges between rounds of feeding through
/// the spool, the socket and `waakvlam ingest` — and then: every accepted signal is stored or was
/// deleted by the retention policy, every notice is in the log files exactly once, memory did not
/// grow, and the store is whole. `WAAKVLAM_SOAK_PHASES` (default 12, three simulated weeks and one
/// daemon instance each) and `WAAKVLAM_SOAK_ROUNDS` (default 6 per instance) run it longer;
/// `bench/soak.sh` does.
@Suite(.serialized) struct SoakProcessTests {
    static let environment = ProcessInfo.processInfo.environment
    static let phases = Int(environment["WAAKVLAM_SOAK_PHASES"] ?? "") ?? 12
    static let rounds = Int(environment["WAAKVLAM_SOAK_ROUNDS"] ?? "") ?? 6

    /// Within one instance, the resident set after its last round may exceed the one after its
    /// second round (caches warm, the first spool file and purge done) by at most this much: each
    /// round adds ~750 signals of data the engine legitimately keeps (a few hundred KB), and
    /// malloc arenas and SQLite's page cache move by a few MB between samples; a leak per
    /// request or per signal shows as tens of MB over a long run.
    static let roundGrowthKB = 16 * 1024
    /// The highest peak (VmHWM) of the last third of the instances may exceed the highest of the
    /// middle third by at most this much. The first third is left out: the store fills up until
    /// retention starts deleting (30 days after a 90-day look-back, about six phases), and the
    /// engine's working set with it. After that, what is kept is bounded by retention (about as
    /// much is purged per phase as is fed), so peaks should level off; the margin covers a
    /// resumed spool file after a kill -9 (its instance peaks a few MB higher) and allocator noise.
    static let instanceGrowthKB = 16 * 1024

    @Test func givenMonthsOfSimulatedFeedsWithRestartsReloadsRotationsAndPurges_thenEverySignalIsKeptOrPurgedByPolicy_everyNoticeIsLoggedOnce_andMemoryDoesNotGrow() throws {
        let run = try SoakRun(phases: Self.phases, rounds: Self.rounds)
        try run.run()
        #expect(run.problems.isEmpty, "\(run.problems.joined(separator: "\n"))")
        var figures = run.figures
        let store = try AppDatabase.open(path: run.state + "/waakvlam.sqlite")
        defer { try? store.close() }

        // Every accepted signal is stored, or its date or its household's moving out is past the
        // cutoff of the last purge; nothing expired is left; nothing unknown is stored.
        let lastPurge = try store.integer("SELECT max(at) FROM purge_run WHERE dry_run = 0 AND finished_at IS NOT NULL")
        let cutoffs = try run.configuration.cutoffs(at: Int64(lastPurge))
        let calendar = try run.configuration.calendar()
        let stored = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT s.name || '/' || g.external_id, g.occurred_at FROM signal g JOIN source s ON s.id = g.source_id")
        }
        var storedAt: [String: Int64] = [:]
        for row in stored { storedAt[row[0]] = row[1] }
        let residents = Set(try store.texts("SELECT ref FROM resident").compactMap { $0 })
        var lost: [String] = [], expiredButKept: [String] = [], wrongMoment: [String] = []
        for (key, signal) in run.accepted {
            let moment = calendar.startOfDay(signal.date)
            let expired = moment < cutoffs.signalsBefore
            let householdPurged = run.feed.movedOut[signal.resident].map { $0 <= cutoffs.movedOutThrough } == true && !residents.contains(signal.resident)
            if let at = storedAt[key] {
                if expired { expiredButKept.append(key) }
                if at != moment { wrongMoment.append(key) }
            } else if !expired && !householdPurged {
                lost.append(key)
            }
        }
        #expect(lost.count == 0, "accepted, not expired, yet gone: \(lost.prefix(20))")
        #expect(expiredButKept.count == 0, "expired at the last purge, yet kept: \(expiredButKept.prefix(20))")
        #expect(wrongMoment.count == 0, "\(wrongMoment.prefix(20))")
        #expect(stored.count == storedAt.count)
        #expect(Set(storedAt.keys).subtracting(run.accepted.keys).isEmpty, "stored signals nobody fed")
        let goneHouseholds = Set((1...run.feed.households).map { String(format: "H%04d", $0) }).subtracting(residents)
        #expect(goneHouseholds.isSubset(of: Set(run.feed.movedOut.keys)), "households gone that never moved out: \(goneHouseholds.subtracting(run.feed.movedOut.keys))")
        figures.present = storedAt.count
        figures.purged = try store.integer("SELECT coalesce(sum(signals), 0) FROM purge_run WHERE dry_run = 0")
        #expect(figures.purged == run.accepted.count - figures.present, "purge_run's counts match the signals missing")
        // What the daemon recorded accepting matches: each spool file whole (a file a kill -9
        // interrupted counted once, resumed), and in all the signals plus the registry records.
        for (name, rows) in run.spoolFiles {
            #expect(try store.integer("SELECT coalesce(sum(accepted), 0) FROM ingest_run WHERE channel = 'spool' AND input = ?", [name]) == rows, "\(name)")
        }
        #expect(try store.integer("SELECT coalesce(sum(accepted), 0) FROM ingest_run") == run.accepted.count + run.registryRecords)
        #expect(try store.integer("SELECT coalesce(sum(rejected) + sum(duplicates), 0) FROM ingest_run") == 0)
        #expect(try store.integer("SELECT count(*) FROM ingest_run WHERE finished_at IS NULL") == 0, "no run left interrupted")
        figures.householdsPurged = try store.integer("SELECT coalesce(sum(households), 0) FROM purge_run WHERE dry_run = 0")

        // Every notice the store ever handed out (ids are AUTOINCREMENT) is in the log files
        // exactly once, and those still stored say there what the store says (a level the notice
        // has none of, as for feedback to a reporter, is written `unknown`).
        let highest = try store.integer("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'notice'")
        let lines = NoticeLogFiles.lines(in: run.logDirectory)
        let ids = lines.compactMap { $0["id"] as? Int }
        #expect(ids.count == lines.count, "every line is a notice")
        #expect(ids.sorted() == Array(1..<(highest + 1)), "ids 1…\(highest) once each; \(ids.count) lines, \(Set(ids).count) distinct")
        #expect(try store.integer("SELECT count(*) FROM notice WHERE delivered_at IS NULL") == 0)
        let byID = Dictionary(lines.compactMap { line in (line["id"] as? Int).map { ($0, line) } }, uniquingKeysWith: { first, _ in first })
        let notices = try store.writer.read { try Row.fetchAll($0, sql: "SELECT id, kind, subject_type, subject_ref, from_level, to_level, route, rung FROM notice") }
        let ladder = try run.configuration.loaded().daemon.escalation.ladder
        var different: [String] = []
        for notice in notices {
            let id: Int = notice["id"], rung: Int = notice["rung"]
            guard let line = byID[id], let subject = line["subject"] as? [String: Any] else { different.append("\(id): no line"); continue }
            if line["kind"] as? String != notice["kind"] || subject["type"] as? String != notice["subject_type"] || subject["id"] as? String != notice["subject_ref"]
                || line["from"] as? String != (notice["from_level"] ?? "unknown") || line["to"] as? String != (notice["to_level"] ?? "unknown")
                || line["route"] as? String != notice["route"] || line["rung"] as? String != (ladder.indices.contains(rung) ? ladder[rung] : "\(rung)") {
                different.append("\(id): stored \(notice), logged \(line)")
            }
        }
        #expect(different.count == 0, "log lines that differ from the stored notice: \(different.prefix(5).joined(separator: "\n"))")
        figures.notices = highest
        figures.noticesStored = notices.count

        // The store is whole.
        #expect(try store.texts("PRAGMA integrity_check") == ["ok"])
        #expect(try store.integer("SELECT count(*) FROM pragma_foreign_key_check") == 0)

        // Memory did not grow: within an instance, and from the early instances to the late ones.
        for (index, samples) in figures.residentKB.enumerated() where samples.count >= 3 {
            #expect(samples[samples.count - 1] <= samples[1] + Self.roundGrowthKB, "instance \(index + 1): RSS after each round \(samples) KB")
        }
        let third = figures.peakKB.count / 3
        if third >= 1, let middle = figures.peakKB.dropFirst(third).prefix(third).max(), let late = figures.peakKB.suffix(third).max() {
            #expect(late <= middle + Self.instanceGrowthKB, "peaks per instance \(figures.peakKB) KB")
        }

        // Retention really deleted things over the run (from about four simulated months on).
        if Self.phases >= 8 {
            #expect(figures.purged > 0)
            #expect(figures.householdsPurged > 0)
            #expect(try store.integer("SELECT coalesce(sum(notices), 0) FROM purge_run WHERE dry_run = 0") > 0)
        }
        #expect(figures.killed == 0 || figures.killedMidFile > 0, "at least one kill -9 landed in the middle of a spool file")
        print(figures.report)
    }
}
