#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamStore
import WaakvlamTesting

/// The notice log as a real daemon writes it: every notice once, across restarts, crashes and logrotate.
@Suite(.serialized) struct NoticeLogProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }
    var log: String { state + "/log/notices.jsonl" }

    func serve(now: String = "2026-11-05") throws -> WaakvlamProcess {
        try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state, "--now", now], in: directory)
    }

    func dropSpoolFile(_ name: String, _ text: String) {
        SpoolDrop.settled(name, text, state: state, in: directory)
    }

    func hennep(_ resident: String, id: Int) -> String {
        "source,id,type,occurred_at,resident\ncorporatie,\(id),waarneming.hennep,2026-11-04,\(resident)\n"
    }

    func lines(_ path: String) -> [[String: Any]] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func storedNotices() -> Int {
        guard let database = try? AppDatabase.open(path: state + "/waakvlam.sqlite") else { return -1 }
        defer { try? database.close() }
        return (try? database.integer("SELECT count(*) FROM notice")) ?? -1
    }

    @Test func givenARedHousehold_thenOneLineWithTheContractFields_andARestartWritesItNoSecondTime() throws {
        dropSpoolFile("a.csv", hennep("H1", id: 1))
        let first = try serve()
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { lines(log).count == 1 }, "\(first.standardError)")
        first.send(SIGTERM)
        #expect(first.waitForExit(timeout: 20) == 0)
        let line = try #require(lines(log).first)
        for field in ["id", "at", "kind", "subject", "from", "to", "score", "rules", "signals", "route", "deadline"] {
            #expect(line[field] != nil, "\(field) missing")
        }
        #expect(line["kind"] as? String == "escalation")
        #expect((line["subject"] as? [String: String]) == ["type": "resident", "id": "H1"])
        #expect(line["from"] as? String == "green")
        #expect(line["to"] as? String == "red")
        #expect(line["rules"] as? [String] == ["hennepkwekerij"])
        #expect(line["signals"] as? [String] == ["corporatie:1"])
        #expect(line["route"] as? String == "wijkteam-centrum")
        // Red: 3 working days from Thursday 5 November 2026 is Tuesday 10 November.
        #expect((line["deadline"] as? String)?.hasPrefix("2026-11-10T23:59:59") == true)
        // The log is for authorised readers only.
        let mode = (try FileManager.default.attributesOfItem(atPath: log)[.posixPermissions] as? Int) ?? 0
        #expect(mode & 0o007 == 0)

        let second = try serve(now: "2026-11-05T12:00:00+01:00")
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { second.standardError.contains("starting") })
        Thread.sleep(forTimeInterval: 2)
        second.send(SIGTERM)
        #expect(second.waitForExit(timeout: 20) == 0)
        #expect(lines(log).count == 1)

        let tail = try WaakvlamProcess.run(["tail", "--config", Repository.configFile, "--state-dir", state, "--json", "--no-follow"], in: directory)
        #expect(tail.status == 0)
        #expect(tail.stdout.split(separator: "\n").count == 1)
        #expect(tail.stdout.contains(#""to":"red""#))
    }

    /// The engine's last evaluation, as the daemon's `status` tells it.
    func evaluatedAt() throws -> Int? {
        let client = try SocketClient(path: state + "/waakvlam.sock")
        client.send(#"{"op":"status"}"#)
        return client.receive(timeout: 30)?["evaluated_at"] as? Int
    }

    @Test func givenLogrotateSignallingSIGUSR1_thenNoLineIsLostOrWrittenTwice_andNothingIsReloadedOrEvaluated() throws {
        dropSpoolFile("a.csv", hennep("H1", id: 1))
        let daemon = try serve()
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { lines(log).count == 1 }, "\(daemon.standardError)")
        let evaluated = try #require(try evaluatedAt())
        // The shipped logrotate file's postrotate, with the daemon's pid for its unit's main process.
        let configuration = directory.write("logrotate.conf", """
            \(state)/log/*.jsonl {
                rotate 5
                create 0640
                missingok
                nocompress
                postrotate
                    kill -USR1 \(daemon.pid)
                endscript
            }
            """)
        let rotate = Process()
        rotate.executableURL = URL(fileURLWithPath: "/usr/sbin/logrotate")
        rotate.arguments = ["-f", "-s", directory.file("logrotate.state"), configuration]
        try rotate.run()
        rotate.waitUntilExit()
        #expect(rotate.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: log + ".1"))
        #expect(WaakvlamProcess.waitUntil(timeout: 10) { daemon.standardError.contains("SIGUSR1: notice log reopened") }, "\(daemon.standardError)")

        // Then nothing else happened: no reload, and (a second later on the daemon's clock) no evaluation.
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try evaluatedAt() == evaluated)
        #expect(!daemon.standardError.contains("reloading the configuration") && !daemon.standardError.contains("configuration reloaded"),
                "\(daemon.standardError)")

        // And the next notice goes to the new file, each line in exactly one of them.
        dropSpoolFile("b.csv", hennep("H2", id: 2))
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { lines(log).count == 1 }, "\(daemon.standardError)")
        let ids = (lines(log + ".1") + lines(log)).compactMap { $0["id"] as? Int }
        #expect(ids.sorted() == [1, 2])
        #expect((lines(log).first?["subject"] as? [String: String])?["id"] == "H2")

        // Whereas SIGHUP reloads, which evaluates everyone again: what the check above would have seen.
        let before = try #require(try evaluatedAt())
        Thread.sleep(forTimeInterval: 1.5)
        #expect(daemon.reloadUntilInForce(timeout: 60), "\(daemon.standardError)")
        #expect(try evaluatedAt().map { $0 > before } == true)
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
    }

    @Test func givenKill9DuringABurst_whenRestarted_thenEveryNoticeIsInTheLogExactlyOnce() throws {
        for index in 1...40 { dropSpoolFile("burst-\(index).csv", hennep("H\(index)", id: index)) }
        let first = try serve()
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { lines(log).count >= 3 }, "\(first.standardError)")
        first.send(SIGKILL)
        _ = first.waitForExit(timeout: 20)
        let second = try serve()
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { second.standardError.contains("starting") })
        // Every household turns red once: 40 escalations (a building may add its own notices).
        #expect(WaakvlamProcess.waitUntil(timeout: 60) { lines(log).count >= 40 && lines(log).count == storedNotices() }, "\(second.standardError)")
        second.send(SIGTERM)
        #expect(second.waitForExit(timeout: 20) == 0)
        let ids = lines(log).compactMap { $0["id"] as? Int }
        #expect(ids.count == Set(ids).count)
        #expect(ids == ids.sorted())
        #expect(ids.count == storedNotices())
        let escalated = Set(lines(log).filter { $0["kind"] as? String == "escalation" }.compactMap { ($0["subject"] as? [String: String])?["id"] })
        #expect(escalated.count == 40)
    }

    @Test func givenANoticeLogTheDaemonMayNotWriteAtStart_thenItRunsWithAFault_andWritesTheBacklogOnceWhenItMay() throws {
        // As a direct `ingest` run as root leaves it: a log the daemon's user may only read.
        // Root without CAP_DAC_OVERRIDE stands in for that user.
        _ = directory.write("state/log/notices.jsonl", "")
        #expect(chmod(log, 0o444) == 0)
        let listener = try NotifyListener(path: directory.file("notify.sock"))
        let daemon = try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-05"],
                                         environment: ["NOTIFY_SOCKET": listener.path], in: directory,
                                         wrapper: ["/usr/bin/setpriv", "--inh-caps=-dac_override", "--bounding-set=-dac_override"])
        #expect(listener.waitFor("FAULT notice log: permission denied", timeout: 30).contains { $0.contains("STATUS=FAULT notice log: permission denied") },
                "\(daemon.standardError)")
        #expect(listener.waitFor("READY=1", timeout: 30).contains { $0.contains("READY=1") }, "the daemon starts and runs on: \(daemon.standardError)")
        #expect(daemon.standardError.contains("notice log failed: permission denied; retrying with back-off"), "\(daemon.standardError)")

        // Notices made meanwhile wait in the store.
        dropSpoolFile("a.csv", hennep("H1", id: 1))
        dropSpoolFile("b.csv", hennep("H2", id: 2))
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { storedNotices() >= 2 }, "\(daemon.standardError)")
        #expect(lines(log).isEmpty)

        // When the log may be written again, the backlog is written, each notice once.
        #expect(chmod(log, 0o640) == 0)
        #expect(WaakvlamProcess.waitUntil(timeout: 60) { daemon.standardError.contains("notice log working again") }, "\(daemon.standardError)")
        #expect(WaakvlamProcess.waitUntil(timeout: 10) { lines(log).count == storedNotices() })
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
        let ids = lines(log).compactMap { $0["id"] as? Int }
        #expect(ids.count == Set(ids).count)
        let subjects = Set(lines(log).compactMap { ($0["subject"] as? [String: String])?["id"] })
        #expect(subjects.isSuperset(of: ["H1", "H2"]))
    }
}
