#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamTesting

/// The store locked by another process (an operator's `sqlite3` left inside a transaction): the
/// daemon waits SQLite's busy time, then says so and retries with back-off, and stores the
/// file once the lock is gone, losing nothing.
@Suite(.serialized) struct LockedDatabaseProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }
    var database: String { state + "/waakvlam.sqlite" }

    @Test func givenAnotherProcessHoldingTheWriteLock_whenASpoolFileArrives_thenTheDaemonReportsRetriesAndStoresItOnceReleased() throws {
        let daemon = try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-05"], in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 60) { daemon.standardError.contains("socket listening") }, "\(daemon.standardError)")
        let lock = try SQLiteLockHolder(database)

        var text = "source,id,type,occurred_at,resident\n"
        for index in 1...10 { text += "corporatie,\(index),waarneming.hennep,2026-11-04,H\(index)\n" }
        SpoolDrop.settled("red.csv", text, state: state, in: directory)

        // Then: after SQLite's busy time (10 s) the fault is reported, and status names it.
        #expect(WaakvlamProcess.waitUntil(timeout: 60) { daemon.standardError.contains("spool failed: database locked") }, "\(daemon.standardError)")
        let status = try WaakvlamProcess.run(["status", "--config", Repository.configFile, "--state-dir", state], in: directory)
        #expect(status.stdout.contains("FAULT:      spool: database locked"), "\(status.stdout)")
        #expect(status.stderr.contains("retrying failing work: spool"), "\(status.stderr)")
        #expect(FileManager.default.fileExists(atPath: state + "/inbox/red.csv"))

        // When the lock is released, the file goes in whole, once, with its notices.
        lock.release()
        #expect(WaakvlamProcess.waitUntil(timeout: 90) { daemon.standardError.contains("spool working again") }, "\(daemon.standardError)")
        #expect(try SQLiteShell.integer(database, "SELECT count(*) FROM signal") == 10)
        let log = state + "/log/notices.jsonl"
        #expect(WaakvlamProcess.waitUntil(timeout: 30) {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").count == 10
        }, "\(daemon.standardError)")
        let again = try WaakvlamProcess.run(["status", "--config", Repository.configFile, "--state-dir", state], in: directory)
        #expect(!again.stdout.contains("FAULT"), "\(again.stdout)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 60) == 0, "\(daemon.standardError)")
    }
}
