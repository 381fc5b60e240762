#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import Testing
import WaakvlamStore
import WaakvlamTesting

/// The daemon as a real process: signals, restarts and the systemd notify protocol.
@Suite(.serialized) struct DaemonProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }

    func serve(_ environment: [String: String] = [:]) throws -> WaakvlamProcess {
        try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state], environment: environment, in: directory)
    }

    /// Drops a spool file of `rows` signals, already settled, the way a sender would (write elsewhere, rename in).
    func dropSpoolFile(_ name: String, rows: Int, note: String = "") {
        var text = "source,id,type,occurred_at,resident,note\n"
        text.reserveCapacity(rows * 60)
        for index in 1...rows { text += "crm,\(index),overlast.geluid,2026-11-01,H\(index % 997),\(note)\n" }
        SpoolDrop.settled(name, text, state: state, in: directory)
    }

    func foreignKeyProblems() -> Int {
        guard let database = try? AppDatabase.open(path: state + "/waakvlam.sqlite") else { return -1 }
        defer { try? database.close() }
        return (try? database.integer("SELECT count(*) FROM pragma_foreign_key_check")) ?? -1
    }

    /// Counts through a read-only connection: opening the store for writing would queue behind
    /// the daemon's ingest transactions and only get in once they are all done.
    func storedSignals() -> (total: Int, distinct: Int) {
        var configuration = Configuration()
        configuration.readonly = true
        guard FileManager.default.fileExists(atPath: state + "/waakvlam.sqlite"),
              let queue = try? DatabaseQueue(path: state + "/waakvlam.sqlite", configuration: configuration) else { return (0, 0) }
        let total = (try? queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM signal") }) ?? 0
        let distinct = (try? queue.read { try Int.fetchOne($0, sql: "SELECT count(DISTINCT external_id) FROM signal") }) ?? 0
        return (total ?? 0, distinct ?? 0)
    }

    /// The last line the interrupted spool run committed.
    func committedLine() -> Int {
        guard let database = try? AppDatabase.open(path: state + "/waakvlam.sqlite") else { return -1 }
        defer { try? database.close() }
        return (try? database.integer("SELECT last_line FROM ingest_run WHERE finished_at IS NULL")) ?? -1
    }

    @Test func givenASourceQuietForFourDays_whenServed_thenTheStatusLineAndTheJournalNameItSilent() throws {
        let feed = directory.write("feed.csv", "source,id,type,occurred_at,resident\ncrm,1,overlast.geluid,2026-11-01,H1\n")
        #expect(try WaakvlamProcess.run(["ingest", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-01T09:00:00+01:00", feed],
                                        in: directory).status == 0)
        let listener = try NotifyListener(path: directory.file("notify.sock"))
        let daemon = try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-05T09:00:00+01:00"],
                                         environment: ["NOTIFY_SOCKET": listener.path], in: directory)
        let ready = listener.waitFor("READY=1", timeout: 30)
        #expect(ready.contains { $0.contains("READY=1") && $0.contains("SILENT source(s): crm") }, "\(ready)")
        #expect(WaakvlamProcess.waitUntil(timeout: 10) { daemon.standardError.contains("feed source silent") && daemon.standardError.contains("source=crm") },
                "\(daemon.standardError)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
    }

    @Test func givenNotifySocket_whenServedAndStopped_thenSystemdHearsReadyWatchdogAndStopping() throws {
        let listener = try NotifyListener(path: directory.file("notify.sock"))
        let daemon = try serve(["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "400000"])
        let ready = listener.waitFor("READY=1", timeout: 30)
        #expect(ready.contains { $0.contains("READY=1") && $0.contains("STATUS=") })
        #expect(listener.waitFor("WATCHDOG=1", timeout: 10).contains("WATCHDOG=1"))
        daemon.send(SIGHUP)
        #expect(listener.waitFor("in force", timeout: 10).contains { $0.contains("0 level changes") })
        daemon.send(SIGTERM)
        #expect(listener.waitFor("STOPPING=1", timeout: 10).contains { $0.hasPrefix("STOPPING=1") })
        #expect(daemon.waitForExit(timeout: 20) == 0)
        #expect(daemon.standardError.contains("stopped; database closed"))
    }

    @Test func givenSigtermDuringALargeSpoolFile_whenRestarted_thenEveryRowIsStoredExactlyOnce() throws {
        let rows = 150_000
        dropSpoolFile("large.csv", rows: rows)
        let first = try serve()
        #expect(WaakvlamProcess.waitUntil(timeout: 60) { storedSignals().total > 0 })
        first.send(SIGTERM)
        #expect(first.waitForExit(timeout: 30) == 0)
        let afterStop = storedSignals()
        #expect(afterStop.total < rows, "the test needs the daemon to stop mid-file")
        #expect(committedLine() == afterStop.total + 1, "the progress committed with the rows covers exactly them (line 1 is the header)")
        #expect(first.standardError.contains("resumes at next start"))
        #expect(FileManager.default.fileExists(atPath: state + "/inbox/large.csv"))

        let second = try serve()
        #expect(WaakvlamProcess.waitUntil(timeout: 120) { !FileManager.default.fileExists(atPath: state + "/inbox/large.csv") })
        second.send(SIGTERM)
        #expect(second.waitForExit(timeout: 30) == 0)
        let final = storedSignals()
        #expect(final.total == rows)
        #expect(final.distinct == rows)
        #expect(foreignKeyProblems() == 0)
        #expect(second.standardError.contains("accepted=\(rows) duplicates=0"), "the resumed run counts the whole file and finds nothing twice")
    }

    @Test func givenKill9DuringALargeSpoolFile_whenRestarted_thenNoRowIsLostOrDoubled() throws {
        let rows = 100_000
        dropSpoolFile("crash.csv", rows: rows)
        let first = try serve()
        #expect(WaakvlamProcess.waitUntil(timeout: 60) { storedSignals().total > 0 })
        first.send(SIGKILL)
        _ = first.waitForExit(timeout: 10)

        let second = try serve()
        #expect(WaakvlamProcess.waitUntil(timeout: 120) { !FileManager.default.fileExists(atPath: state + "/inbox/crash.csv") })
        second.send(SIGTERM)
        #expect(second.waitForExit(timeout: 30) == 0)
        let final = storedSignals()
        #expect(final.total == rows)
        #expect(final.distinct == rows)
    }

    @Test func givenServeWithANowInThePast_thenSpoolFilesStillSettleByRealTime() throws {
        dropSpoolFile("past.csv", rows: 2)
        let daemon = try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-05"], in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("spool file ingested") })
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
    }

    @Test func givenJournalStream_thenLinesCarryPriorities_andNotesNeverReachTheLog() throws {
        dropSpoolFile("notes.csv", rows: 3, note: "Geheime notitie over de bewoner")
        let daemon = try serve(["JOURNAL_STREAM": "8:12345"])
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("spool file ingested") })
        daemon.send(SIGINT)
        #expect(daemon.waitForExit(timeout: 20) == 0)
        let lines = daemon.standardError.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("<") && $0.dropFirst(2).hasPrefix(">") })
        #expect(lines.contains { $0.hasPrefix("<6>spool file ingested") })
        #expect(!daemon.standardError.contains("Geheime"))
    }
}
