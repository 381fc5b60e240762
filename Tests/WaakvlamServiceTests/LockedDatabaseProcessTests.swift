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
        #expect(WaakvlamProcess.waitUntil(timeout: 120) { daemon.standardError.contains("socket listening") }, "\(daemon.standardError)")
        let lock = try SQLiteLockHolder(database)

        var text = "source,id,type,occurred_at,resident\n"
        for index in 1...10 { text += "corporatie,\(index),waarneming.hennep,2026-11-04,H\(index)\n" }
        SpoolDrop.settled("red.csv", text, state: state, in: directory)

        // Then: after SQLite's busy time (10 s) the fault is reported, and status names it.
        #expect(WaakvlamProcess.waitUntil(timeout: 120) { daemon.standardError.contains("spool failed: database locked") }, "\(daemon.standardError)")
        let status = try WaakvlamProcess.run(["status", "--config", Repository.configFile, "--state-dir", state], in: directory)
        #expect(status.stdout.contains("FAULT:      spool: database locked"), "\(status.stdout)")
        // The level evaluation may meet the lock too (a catch-up, the hourly step), and is then named beside it.
        let retrying = status.stderr.split(separator: "\n").first { $0.contains("the daemon is retrying failing work:") } ?? ""
        #expect(retrying.contains("spool"), "\(status.stderr)")
        #expect(FileManager.default.fileExists(atPath: state + "/inbox/red.csv"))

        // When the lock is released, the file goes in whole, once, with its notices.
        lock.release()
        #expect(WaakvlamProcess.waitUntil(timeout: 150) { daemon.standardError.contains("spool working again") }, "\(daemon.standardError)")
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

    @Test func givenTheLockHeldWhenTheDaemonStarts_thenItWaitsSayingSoAndStartsOnceReleased() throws {
        let feed = directory.write("one.csv", "source,id,type,occurred_at,resident\ncrm,1,overlast.geluid,2026-11-01,H1\n")
        let made = try WaakvlamProcess.run(["ingest", "--direct", "--config", Repository.configFile, "--state-dir", state, feed], in: directory)
        #expect(made.status == 0, "\(made.stderr)")
        let lock = try SQLiteLockHolder(database)
        let listener = try NotifyListener(path: directory.file("notify.sock"))
        let daemon = try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-05"],
                                         environment: ["NOTIFY_SOCKET": listener.path], in: directory)

        // Then: after the busy time it says why it is not ready, asks systemd for more time, and waits.
        let waiting = listener.waitFor("waiting for the store: database locked", timeout: 60)
        #expect(waiting.contains { $0.contains("EXTEND_TIMEOUT_USEC=") && $0.contains("STATUS=waiting for the store: database locked") }, "\(waiting)")
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("store could not be opened: database locked") }, "\(daemon.standardError)")
        #expect(!waiting.contains { $0.contains("READY=1") })

        lock.release()
        #expect(listener.waitFor("READY=1", timeout: 60).contains { $0.contains("READY=1") }, "\(daemon.standardError)")
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("store opened") }, "\(daemon.standardError)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 60) == 0, "\(daemon.standardError)")
    }
}
