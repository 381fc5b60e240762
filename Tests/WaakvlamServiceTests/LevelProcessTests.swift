#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamStore
import WaakvlamTesting

/// Levels in a running daemon: a spool file turns a resident red, and restarts keep the state exactly.
@Suite(.serialized) struct LevelProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }

    func serve(now: String) throws -> WaakvlamProcess {
        try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state, "--now", now], in: directory)
    }

    func dropSpoolFile(_ name: String, _ text: String) {
        SpoolDrop.settled(name, text, state: state, in: directory)
    }

    func query<T>(_ read: (AppDatabase) throws -> T) -> T? {
        guard let database = try? AppDatabase.open(path: state + "/waakvlam.sqlite") else { return nil }
        defer { try? database.close() }
        return try? read(database)
    }

    /// H1's stored level and since, and how many level changes were recorded for H1.
    func h1() -> (level: String?, since: Int?, changes: Int) {
        query { database -> (level: String?, since: Int?, changes: Int) in
            let level = try database.texts("SELECT s.level FROM subject_state s JOIN resident r ON r.id = s.subject_id WHERE s.subject_type = 'resident' AND r.ref = 'H1'").first ?? nil
            let since = try database.integer("SELECT s.since FROM subject_state s JOIN resident r ON r.id = s.subject_id WHERE s.subject_type = 'resident' AND r.ref = 'H1'")
            let changes = try database.integer("SELECT count(*) FROM level_change c JOIN resident r ON r.id = c.subject_id WHERE c.subject_type = 'resident' AND r.ref = 'H1'")
            return (level: level, since: Optional(since), changes: changes)
        } ?? (nil, nil, 0)
    }

    @Test func givenACannabisFarmInTheSpool_whenServed_thenTheResidentTurnsRed_andRestartsKeepItExactly() throws {
        dropSpoolFile("hennep.csv", """
            source,id,type,occurred_at,resident
            corporatie,1,waarneming.hennep,2026-11-04,H1
            corporatie,2,waarneming.post,2026-11-04,H2
            """)
        let first = try serve(now: "2026-11-05")
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { h1().level == "red" }, "\(first.standardError)")
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { first.standardError.contains("level changed") }, "\(first.standardError)")
        // The log names store ids and colours, never references or notes.
        #expect(!first.standardError.contains("H1"))
        first.send(SIGTERM)
        #expect(first.waitForExit(timeout: 20) == 0)
        let before = h1()
        #expect(before.changes == 1)

        // Long after the rule stopped holding: the daemon was down, so the calm period only starts
        // now; a restart never drops a red back to green, and it records no new change.
        let second = try serve(now: "2026-12-25")
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { second.standardError.contains("starting") })
        Thread.sleep(forTimeInterval: 2)
        second.send(SIGTERM)
        #expect(second.waitForExit(timeout: 20) == 0)
        let after = h1()
        #expect(after.level == "red")
        #expect(after.since == before.since)
        #expect(after.changes == 1)

        // Past the cool-down counted from that restart, the level comes down, once.
        let third = try serve(now: "2027-01-09")
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { h1().changes == 2 }, "\(third.standardError)")
        third.send(SIGTERM)
        #expect(third.waitForExit(timeout: 20) == 0)
        #expect(h1().level == nil || h1().level == "green")
    }

    @Test func givenKill9RightAfterAnEvaluation_whenRestarted_thenNoLevelChangeIsRecordedTwice() throws {
        dropSpoolFile("veiligheid.csv", """
            source,id,type,occurred_at,resident
            politie,1,veiligheid.politie,2026-11-04,H1
            """)
        let first = try serve(now: "2026-11-05")
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { h1().level == "amber" }, "\(first.standardError)")
        first.send(SIGKILL)
        _ = first.waitForExit(timeout: 20)
        let second = try serve(now: "2026-11-05T12:00:00+01:00")
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { second.standardError.contains("starting") })
        Thread.sleep(forTimeInterval: 2)
        second.send(SIGTERM)
        #expect(second.waitForExit(timeout: 20) == 0)
        #expect(h1().level == "amber")
        #expect(h1().changes == 1)
    }
}
