#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamTesting

/// A real full disk (a small tmpfs filled to the last byte) under a real daemon: it says so in
/// the journal, in systemd's STATUS and in `status`, retries with back-off, refuses what it
/// cannot store without losing what it accepted, and once there is space again takes in
/// everything waiting, with every notice in the log once and the store intact.
@Suite(.serialized, .enabled(if: SmallDisk.canMount, "a real full disk needs a tmpfs, which only root may mount"))
struct DiskFullProcessTests {
    let directory = TemporaryDirectory()

    /// `count` red households (a hemp farm each): one notice each.
    func hennep(_ first: Int, _ count: Int, idBase: Int) -> String {
        var text = "source,id,type,occurred_at,resident\n"
        for index in 0..<count { text += "corporatie,\(idBase + index),waarneming.hennep,2026-11-04,H\(first + index)\n" }
        return text
    }

    /// `count` noise complaints, one per household: bulk that stays green (no notices), without a header.
    func noise(_ count: Int, idBase: Int) -> String {
        var text = ""
        for index in 0..<count { text += "crm,\(idBase + index),overlast.geluid,2026-10-\(10 + index % 15),N\(idBase + index)\n" }
        return text
    }

    /// Writes a spool file under a hidden name (taking its space now) and returns a function that
    /// delivers it: dated a minute back (settled) and renamed into `inbox/`.
    func stage(_ name: String, _ text: String, state: String) throws -> () -> Void {
        let inbox = state + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let hidden = inbox + "/.\(name).part"
        try Data(text.utf8).write(to: URL(fileURLWithPath: hidden))
        return {
            var times = [timeval(tv_sec: time(nil) - 60, tv_usec: 0), timeval(tv_sec: time(nil) - 60, tv_usec: 0)]
            utimes(hidden, &times)
            rename(hidden, inbox + "/" + name)
        }
    }

    /// The notice ids in the log, in file order.
    func loggedIDs(_ log: String) -> [Int] {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? Int
        }
    }

    func storedIDs(_ database: String) throws -> [Int] {
        try SQLiteShell.lines(database, "SELECT id FROM notice ORDER BY id").compactMap { Int($0) }
    }

    @Test func givenTheStateDiskFull_whenFilesAndSocketIngestsArrive_thenTheDaemonReportsRetriesAndLosesNothingOnceThereIsSpace() throws {
        let disk = try SmallDisk(at: directory.file("disk"), kibibytes: 32 * 1024)
        let state = disk.path + "/state", database = state + "/waakvlam.sqlite", log = state + "/log/notices.jsonl"
        let listener = try NotifyListener(path: directory.file("notify.sock"))
        let daemon = try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-05"],
                                         environment: ["NOTIFY_SOCKET": listener.path], in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 120) { daemon.standardError.contains("socket listening") }, "\(daemon.standardError)")

        // Given: a first file stored and its 20 notices logged while there is space.
        try stage("first.csv", hennep(1, 20, idBase: 1), state: state)()
        #expect(WaakvlamProcess.waitUntil(timeout: 120) { loggedIDs(log).count == 20 }, "\(daemon.standardError)")
        // A second, large file is written while there is still room, then the disk fills up.
        let deliverSecond = try stage("second.csv", hennep(101, 20, idBase: 1_000) + noise(25_000, idBase: 100_000), state: state)
        try disk.fill()
        #expect(disk.available == 0)

        // When: the file is delivered, and a socket ingest arrives.
        deliverSecond()
        #expect(WaakvlamProcess.waitUntil(timeout: 120) { daemon.standardError.contains("spool failed: disk full") }, "\(daemon.standardError)")
        // Another piece of work that met the full disk first (the hourly evaluation) may lead the list.
        #expect(listener.waitFor("spool: disk full", timeout: 60).contains { $0.contains("STATUS=FAULT ") && $0.contains("spool: disk full") })
        let socketFeed = directory.write("by-socket.csv", hennep(901, 1, idBase: 9_001) + noise(5_000, idBase: 500_000))
        let refused = try WaakvlamProcess.run(["ingest", "--config", Repository.configFile, "--state-dir", state, socketFeed], in: directory)
        // A small write can still fit in the write-ahead log's old space; whatever the daemon
        // answered is what counts: accepted is stored, refused says why and was not stored.
        let socketAccepted = refused.status == 0
        if !socketAccepted { #expect(refused.stderr.contains("not stored (disk full)"), "\(refused.stderr)") }

        // Then: the daemon names the fault in status, retries with growing waits, and the store is intact.
        let status = try WaakvlamProcess.run(["status", "--json", "--config", Repository.configFile, "--state-dir", state], in: directory)
        #expect(status.stdout.contains(#""work":"spool""#) && status.stdout.contains(#""cause":"disk full""#), "\(status.stdout)")
        #expect(WaakvlamProcess.waitUntil(timeout: 120) { daemon.standardError.contains("spool still failing: disk full") }, "\(daemon.standardError)")
        #expect(try SQLiteShell.run(database, "PRAGMA integrity_check").stdout == "ok\n")
        #expect(FileManager.default.fileExists(atPath: state + "/inbox/second.csv"))

        // When there is space again, everything waiting goes in.
        disk.free()
        #expect(WaakvlamProcess.waitUntil(timeout: 150) { daemon.standardError.contains("spool working again") }, "\(daemon.standardError)")
        if !socketAccepted {
            let again = try WaakvlamProcess.run(["ingest", "--config", Repository.configFile, "--state-dir", state, socketFeed], in: directory)
            #expect(again.status == 0, "\(again.stderr)")
        }
        #expect(WaakvlamProcess.waitUntil(timeout: 120) { loggedIDs(log).count == 41 }, "\(daemon.standardError)")
        Thread.sleep(forTimeInterval: 1)
        #expect(try SQLiteShell.integer(database, "SELECT count(*) FROM signal") == 20 + 20 + 25_000 + 1 + 5_000)
        #expect(try SQLiteShell.integer(database, "SELECT count(*) FROM ingest_run WHERE finished_at IS NULL") == 0)
        let logged = loggedIDs(log)
        #expect(logged == (try storedIDs(database)))
        #expect(Set(logged).count == logged.count)
        #expect(try SQLiteShell.run(database, "PRAGMA integrity_check").stdout == "ok\n")
        let after = listener.waitFor("no STATUS expected", timeout: 1).last { $0.contains("STATUS=") } ?? ""
        #expect(!after.contains("FAULT"), "\(after)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 60) == 0, "\(daemon.standardError)")
    }

    @Test func givenTheNoticeLogDiskFull_whenNoticesAreRaised_thenTheyWaitInTheStoreAndEachReachesTheLogOnceThereIsSpace() throws {
        let state = directory.file("state"), database = state + "/waakvlam.sqlite", log = state + "/log/notices.jsonl"
        let disk = try SmallDisk(at: state + "/log", kibibytes: 512)
        let daemon = try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-05"], in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 120) { daemon.standardError.contains("socket listening") }, "\(daemon.standardError)")
        try disk.fill()

        // When: 400 households turn red at once (about 150 KiB of notice lines, on a full disk of 512 KiB).
        SpoolDrop.settled("red.csv", hennep(1, 400, idBase: 1), state: state, in: directory)

        // Then: the notices are stored, the log's failure is reported and retried, and no line is torn.
        #expect(WaakvlamProcess.waitUntil(timeout: 120) { daemon.standardError.contains("notice log failed: disk full") }, "\(daemon.standardError)")
        #expect(try SQLiteShell.integer(database, "SELECT count(*) FROM notice") == 400)
        let status = try WaakvlamProcess.run(["status", "--config", Repository.configFile, "--state-dir", state], in: directory)
        #expect(status.stdout.contains("FAULT:      notice log: disk full"), "\(status.stdout)")
        #expect(status.stdout.contains("notices:    400 waiting for the notice log"), "\(status.stdout)")
        let partial = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(partial.isEmpty || partial.hasSuffix("\n"))

        disk.free()
        #expect(WaakvlamProcess.waitUntil(timeout: 150) { loggedIDs(log).count == 400 }, "\(daemon.standardError)")
        // The recovery is told once the round that wrote the last lines returns, just after them.
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("notice log working again") }, "\(daemon.standardError)")
        let logged = loggedIDs(log)
        #expect(logged == (try storedIDs(database)))
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 60) == 0, "\(daemon.standardError)")
    }
}
