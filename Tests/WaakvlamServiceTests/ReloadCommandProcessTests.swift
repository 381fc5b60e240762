#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamTesting

/// `waakvlam reload` (the unit's `ExecReload=`) asks the daemon over its socket and waits: it
/// exits 0 naming the version put in force, or non-zero naming each problem as file:line:col
/// while the daemon keeps its configuration. Around every reload, by the socket or by SIGHUP,
/// systemd hears `RELOADING=1` with `MONOTONIC_USEC`, then `READY=1`.
@Suite(.serialized) struct ReloadCommandProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }
    var rulesFile: String { directory.file("rules.yaml") }
    let shippedRules = (try? String(contentsOfFile: Repository.root + "/config/rules.yaml", encoding: .utf8)) ?? ""

    func configuration() throws -> String {
        directory.write("waakvlam.yaml", try Repository.shippedConfiguration(rules: rulesFile))
    }

    func rules(amberAt: String) -> String {
        shippedRules.replacingOccurrences(of: "  amber_at: 4.0", with: "  amber_at: \(amberAt)")
    }

    /// Where `amber_at: veel` puts its value: the line of the shipped `amber_at: 4.0`, column 13.
    var brokenPosition: String {
        let line = shippedRules.components(separatedBy: "\n").firstIndex(of: "  amber_at: 4.0").map { $0 + 1 } ?? 0
        return "\(rulesFile):\(line):13:"
    }

    /// A daemon under rules with `amber_at: 4.0`, telling `listener` what it tells systemd; and its configuration file.
    func serve() throws -> (daemon: WaakvlamProcess, listener: NotifyListener, configuration: String) {
        _ = directory.write("rules.yaml", rules(amberAt: "4.0"))
        let listener = try NotifyListener(path: directory.file("notify.sock"))
        let config = try configuration()
        let daemon = try WaakvlamProcess(["serve", "--config", config, "--state-dir", state, "--now", "2026-11-05"],
                                         environment: ["NOTIFY_SOCKET": listener.path], in: directory)
        return (daemon, listener, config)
    }

    func reload(_ configuration: String) throws -> (status: Int32, stdout: String, stderr: String) {
        try WaakvlamProcess.run(["reload", "--config", configuration, "--state-dir", state], in: directory)
    }

    func version(_ client: SocketClient) -> String? {
        client.send(#"{"op":"status"}"#)
        return client.receive(timeout: 30)?["configuration_version"] as? String
    }

    /// `CLOCK_MONOTONIC` in microseconds, as the daemon reads it.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    /// Every `RELOADING=1` in `messages` after the first, each with its `MONOTONIC_USEC` and
    /// whether a `READY=1` follows it before the next `RELOADING=1`.
    static func reloads(in messages: [String]) -> [(monotonic: UInt64?, thenReady: Bool)] {
        messages.indices.filter { messages[$0].contains("RELOADING=1") }.map { index in
            let fields = messages[index].split(separator: "\n")
            let monotonic = fields.first { $0.hasPrefix("MONOTONIC_USEC=") }.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) }
            let after = messages[(index + 1)...].prefix { !$0.contains("RELOADING=1") }
            return (monotonic, after.contains { $0.split(separator: "\n").contains("READY=1") })
        }
    }

    @Test func givenABrokenRulesFile_whenReloadIsRun_thenItExitsNonZeroNamingFileLineAndColumn_andAGoodOneThenExitsZeroNamingTheNewVersion() throws {
        let (daemon, listener, config) = try serve()
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("socket listening") }, "\(daemon.standardError)")
        let subscriber = try SocketClient(path: state + "/waakvlam.sock")
        subscriber.send(#"{"op":"subscribe","after":0}"#)
        #expect(subscriber.receive()?["ok"] as? Bool == true)
        // Given a red household (its notice shows the levels are loaded) under amber_at 4.0.
        let feeder = try SocketClient(path: state + "/waakvlam.sock")
        feeder.send(#"{"op":"ingest","data":"source,id,type,occurred_at,resident\ncorporatie,1,waarneming.hennep,2026-11-04,H1\n"}"#)
        #expect(feeder.receive(timeout: 60)?["accepted"] as? Int == 1)
        #expect((subscriber.receive(timeout: 60)?["notice"] as? [String: Any])?["kind"] as? String == "escalation")
        let started = try #require(version(feeder))

        // When the rules file is broken, reload fails naming where, and the daemon keeps its configuration.
        _ = directory.write("rules.yaml", rules(amberAt: "veel"))
        let refused = try reload(config)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("waakvlam reload: configuration refused; version \(started) stays in force"), "\(refused.stderr)")
        #expect(refused.stderr.contains(brokenPosition), "\(refused.stderr)")
        #expect(version(feeder) == started)
        let noise = (1...5).map { "buren,\($0),overlast.geluid,2026-11-04,N\($0),buur\($0)" }.joined(separator: "\\n")
        feeder.send(#"{"op":"ingest","data":"source,id,type,occurred_at,resident,reporter\n\#(noise)\n"}"#)
        #expect(feeder.receive(timeout: 60)?["accepted"] as? Int == 5)
        #expect(subscriber.receive(timeout: 2) == nil, "the old rules still judge: one complaint each stays green")

        // When the rules are good again (amber at 0.5), reload exits 0 naming the new version and what changed.
        _ = directory.write("rules.yaml", rules(amberAt: "0.5"))
        let reloaded = try reload(config)
        #expect(reloaded.status == 0, "\(reloaded)")
        let now = try #require(version(feeder))
        #expect(now != started)
        #expect(reloaded.stdout.contains("reloaded: configuration \(now) in force; 1 rule change(s); 5 level changes, told in 1 team notices"), "\(reloaded.stdout)")
        #expect(reloaded.stdout.contains("amber_at 4.0 → 0.5"), "\(reloaded.stdout)")
        #expect((subscriber.receive(timeout: 60)?["notice"] as? [String: Any])?["kind"] as? String == "rule-change")

        // Then systemd heard of both reloads, each RELOADING=1 (with MONOTONIC_USEC) closed by READY=1 with its outcome.
        let messages = listener.waitFor("in force", timeout: 10)
        let reloads = Self.reloads(in: messages)
        #expect(reloads.count == 2 && reloads.allSatisfy { $0.monotonic != nil && $0.thenReady }, "\(messages)")
        #expect(messages.contains { $0.contains("READY=1\nSTATUS=reload refused") && $0.contains(brokenPosition) }, "\(messages)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
    }

    @Test func givenADaemon_whenSIGHUPReloads_thenSystemdHearsRELOADINGWithTheMonotonicClock_thenREADY() throws {
        let (daemon, listener, _) = try serve()
        #expect(listener.waitFor("READY=1", timeout: 30).contains { $0.contains("READY=1") }, "\(daemon.standardError)")
        let before = Self.monotonicMicroseconds()
        #expect(daemon.reloadUntilInForce(timeout: 60), "\(daemon.standardError)")
        let messages = listener.waitFor("in force", timeout: 10)
        let after = Self.monotonicMicroseconds()
        let reloads = Self.reloads(in: messages)
        #expect(!reloads.isEmpty && reloads.allSatisfy { $0.thenReady }, "\(messages)")
        #expect(reloads.allSatisfy { ($0.monotonic ?? 0) >= before && ($0.monotonic ?? .max) <= after }, "\(before)…\(after): \(messages)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
    }

    @Test func givenThreeReloadsAtOnce_thenEachExitsZeroNamingTheVersion_andSystemdHearsEachReloadOpenedAndClosed() throws {
        let (daemon, listener, config) = try serve()
        #expect(listener.waitFor("READY=1", timeout: 30).contains { $0.contains("READY=1") }, "\(daemon.standardError)")
        #expect(daemon.reloadUntilInForce(timeout: 60), "the levels are loaded: \(daemon.standardError)")
        let version = try #require(version(try SocketClient(path: state + "/waakvlam.sock")))
        let runs = try (1...3).map { _ in try WaakvlamProcess(["reload", "--config", config, "--state-dir", state], in: directory) }
        for run in runs {
            #expect(run.waitForExit(timeout: 120) == 0, "\(run.standardError)")
            #expect(run.standardOutput.contains("reloaded: configuration \(version) in force; rules unchanged"), "\(run.standardOutput)")
        }
        // Every datagram sent so far (all were sent before the commands exited): read for 2 s.
        let messages = listener.waitFor("a message never sent", timeout: 2)
        let reloads = Self.reloads(in: messages)
        #expect((2...4).contains(reloads.count) && reloads.allSatisfy { $0.monotonic != nil && $0.thenReady }, "one by SIGHUP, the three in one to three: \(messages)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
    }

    @Test func givenNoDaemon_whenReloadIsRun_thenItExits1SayingSo_andABrokenConfigurationIsNamedWithoutAsking() throws {
        _ = directory.write("rules.yaml", rules(amberAt: "4.0"))
        let none = try reload(try configuration())
        #expect(none.status == 1, "\(none)")
        #expect(none.stderr.contains("waakvlam reload: cannot reach the daemon at \(state)/waakvlam.sock: no daemon answers; nothing was reloaded"), "\(none.stderr)")

        let broken = directory.write("broken.yaml", try Repository.shippedConfiguration(rules: rulesFile).replacingOccurrences(of: "time_zone:", with: "tijdzone:"))
        let refused = try WaakvlamProcess.run(["reload", "--config", broken], in: directory)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("\(broken) has problems, so the daemon is not asked to reload"), "\(refused.stderr)")
        #expect(refused.stderr.contains("\(broken):"), "\(refused.stderr)")
    }
}
