#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import Testing
import WaakvlamService
import WaakvlamTesting

/// One daemon per state directory: a second `serve` is refused before it does anything, and a
/// command never writes beside a daemon, whatever has become of its socket file.
@Suite(.serialized) struct StateDirectoryLockProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }
    let hennep = "source,id,type,occurred_at,resident\ncorporatie,1,waarneming.hennep,2026-11-04,H1\n"

    func serve(notify: NotifyListener) throws -> WaakvlamProcess {
        try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-05"],
                            environment: ["NOTIFY_SOCKET": notify.path], in: directory)
    }

    /// Ingest runs, signals and notices stored, read through a read-only connection (the daemon
    /// may be stopped in the middle of anything).
    func stored() -> [Int] {
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: state + "/waakvlam.sqlite", configuration: configuration) else { return [] }
        return ["ingest_run", "signal", "notice"].map { table in
            (try? queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") }) ?? -1
        }
    }

    var noticeLogLines: Int {
        ((try? String(contentsOfFile: state + "/log/notices.jsonl", encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test func givenADaemonRunning_whenASecondServeStartsWithAFileInTheInbox_thenItIsRefusedBeforeReady_andWritesNothing() throws {
        let firstNotify = try NotifyListener(path: directory.file("first.sock"))
        let first = try serve(notify: firstNotify)
        #expect(firstNotify.waitFor("READY=1", timeout: 30).contains { $0.contains("READY=1") }, "\(first.standardError)")
        // Stopped, the first daemon takes no file: whatever is stored meanwhile, the second stored.
        first.send(SIGSTOP)
        defer { first.send(SIGCONT) }
        SpoolDrop.settled("signals.csv", hennep, state: state, in: directory)
        let before = stored()

        let secondNotify = try NotifyListener(path: directory.file("second.sock"))
        let second = try serve(notify: secondNotify)
        #expect(second.waitForExit(timeout: 30) == 1)
        #expect(second.standardError.contains("not starting: another daemon works on the state directory \(state) (held by waakvlam serve, pid \(first.pid)"),
                "\(second.standardError)")
        #expect(!secondNotify.waitFor("READY=1", timeout: 0.5).contains { $0.contains("READY=1") })
        #expect(stored() == before, "no ingest run, signal or notice of the second daemon")
        #expect(FileManager.default.fileExists(atPath: state + "/inbox/signals.csv"))
        #expect(noticeLogLines == 0)

        // Then the first daemon, going on, takes the file and is the only one to tell of it.
        first.send(SIGCONT)
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { noticeLogLines == 1 }, "\(first.standardError)")
        first.send(SIGTERM)
        #expect(first.waitForExit(timeout: 20) == 0)
        #expect(stored() == [1, 1, 1])
    }

    @Test func givenTheDaemonsSocketFileDeleted_whenIngestRuns_thenItStops_andTheDaemonStaysTheOnlyWriter() throws {
        let notify = try NotifyListener(path: directory.file("notify.sock"))
        let daemon = try serve(notify: notify)
        #expect(notify.waitFor("READY=1", timeout: 30).contains { $0.contains("READY=1") }, "\(daemon.standardError)")
        // Stopped, so that the daemon cannot bring its socket back before the command looks.
        daemon.send(SIGSTOP)
        defer { daemon.send(SIGCONT) }
        #expect(unlink(state + "/waakvlam.sock") == 0)
        let feed = directory.write("feed.csv", hennep)
        let before = stored()

        let plain = try WaakvlamProcess.run(["ingest", "--config", Repository.configFile, "--state-dir", state, feed], in: directory)
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("waakvlam ingest: a daemon (waakvlam serve, pid \(daemon.pid)) holds the state directory \(state)"), "\(plain.stderr)")
        #expect(plain.stderr.contains("its socket \(state)/waakvlam.sock does not answer"), "\(plain.stderr)")
        let now = try WaakvlamProcess.run(["ingest", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-05", feed], in: directory)
        #expect(now.status == 1)
        #expect(now.stderr.contains("--now works only on a state directory no daemon runs on"), "\(now.stderr)")
        let ack = try WaakvlamProcess.run(["ack", "--config", Repository.configFile, "--state-dir", state, "1", "--by", "anna"], in: directory)
        #expect(ack.status == 1)
        #expect(ack.stderr.contains("waakvlam ack: a daemon (waakvlam serve, pid \(daemon.pid)) holds the state directory"), "\(ack.stderr)")

        #expect(stored() == before)
        #expect(noticeLogLines == 0)

        // Reading goes on directly, with a word.
        let status = try WaakvlamProcess.run(["status", "--config", Repository.configFile, "--state-dir", state], in: directory)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stderr.contains("waakvlam status: a daemon (waakvlam serve, pid \(daemon.pid)) holds the state directory, but its socket"), "\(status.stderr)")
        daemon.send(SIGCONT)
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
    }

    @Test func givenADirectCommandWorking_whenServeStarts_thenItIsRefusedNamingTheCommand() throws {
        let lock = try StateDirectoryLock.take(stateDirectory: state, command: "ingest")
        let notify = try NotifyListener(path: directory.file("notify.sock"))
        let daemon = try serve(notify: notify)
        #expect(daemon.waitForExit(timeout: 30) == 1)
        #expect(daemon.standardError.contains("not starting: a command works on the state directory \(state) (held by waakvlam ingest, pid \(getpid())"),
                "\(daemon.standardError)")
        #expect(!FileManager.default.fileExists(atPath: state + "/waakvlam.sqlite"), "refused before the store is opened")
        lock.release()
    }
}
