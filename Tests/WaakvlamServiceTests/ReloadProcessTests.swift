#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamTesting

/// `SIGHUP` reloads the configuration: a broken one is refused and the running one stays; a
/// good one is put in force, and the levels it changes are told in one notice per team.
@Suite(.serialized) struct ReloadProcessTests {
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

    @Test func givenABrokenThenAStricterRulesFile_whenReloaded_thenTheFirstIsRefused_andTheSecondChangesLevelsWithOneNoticePerTeam() throws {
        _ = directory.write("rules.yaml", rules(amberAt: "4.0"))
        let listener = try NotifyListener(path: directory.file("notify.sock"))
        let daemon = try WaakvlamProcess(["serve", "--config", try configuration(), "--state-dir", state, "--now", "2026-11-05"],
                                         environment: ["NOTIFY_SOCKET": listener.path], in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("socket listening") }, "\(daemon.standardError)")
        #expect(listener.waitFor("READY=1", timeout: 30).contains { $0.contains("READY=1") })
        let subscriber = try SocketClient(path: state + "/waakvlam.sock")
        subscriber.send(#"{"op":"subscribe","after":0}"#)
        #expect(subscriber.receive()?["ok"] as? Bool == true)

        // Given one household red (a cannabis farm) and five with one noise complaint each: green under amber_at 4.0.
        let rows = ["corporatie,1,waarneming.hennep,2026-11-04,H1,"] + (1...5).map { "buren,\($0),overlast.geluid,2026-11-04,N\($0),buur\($0)" }
        let feeder = try SocketClient(path: state + "/waakvlam.sock")
        feeder.send(#"{"op":"ingest","data":"source,id,type,occurred_at,resident,reporter\n\#(rows.joined(separator: "\\n"))\n"}"#)
        #expect(feeder.receive(timeout: 60)?["accepted"] as? Int == 6)
        #expect((subscriber.receive(timeout: 60)?["notice"] as? [String: Any])?["kind"] as? String == "escalation")
        #expect(subscriber.receive(timeout: 1) == nil, "the noise complaints alone change nothing")

        // When a broken rules file is loaded, it is refused with its position and nothing changes.
        _ = directory.write("rules.yaml", rules(amberAt: "veel"))
        daemon.send(SIGHUP)
        let refused = listener.waitFor("reload refused", timeout: 60)
        #expect(refused.contains { $0.contains("reload refused") && $0.contains("rules.yaml:") }, "\(refused)")
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("configuration refused") }, "\(daemon.standardError)")
        #expect(subscriber.receive(timeout: 1) == nil)
        feeder.send(#"{"op":"status"}"#)
        #expect(feeder.receive()?["ok"] as? Bool == true, "the daemon runs on")

        // When rules with amber at 0.5 are loaded, the five turn amber, told in one notice to their team.
        _ = directory.write("rules.yaml", rules(amberAt: "0.5"))
        daemon.send(SIGHUP)
        let reloaded = listener.waitFor("in force", timeout: 60)
        #expect(reloaded.contains { $0.contains("5 level changes, told in 1 team notices") }, "\(reloaded)")
        let summary = try #require(subscriber.receive(timeout: 60)?["notice"] as? [String: Any])
        #expect(summary["kind"] as? String == "rule-change")
        #expect((summary["subject"] as? [String: String])?["type"] == "team")
        #expect(summary["score"] as? Int == 5)
        #expect(Set(summary["signals"] as? [String] ?? []) == Set((1...5).map { "resident:N\($0):green>amber" }))
        #expect(subscriber.receive(timeout: 1) == nil, "no notice per household")

        // Then new data is judged by the new rules: one more complaint makes a household amber, with its own notice.
        feeder.send(#"{"op":"ingest","data":"source,id,type,occurred_at,resident,reporter\nburen,6,overlast.geluid,2026-11-04,N6,buur6\n"}"#)
        #expect(feeder.receive()?["accepted"] as? Int == 1)
        let fresh = try #require(subscriber.receive(timeout: 60)?["notice"] as? [String: Any])
        #expect(fresh["kind"] as? String == "escalation")
        #expect(fresh["to"] as? String == "amber")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
    }

    /// The shipped rules with `aanhoudende_achterstand` first, so that a file cut inside it loses
    /// its `for: 14d` and every rule after it, as in the probe.
    var reorderedRules: String {
        let block = "  aanhoudende_achterstand:\n    level: amber\n    when: days_overdue(arrears) >= 90\n    for: 14d\n"
            + "    description: Een achterstand die al lang loopt en na twee weken nog openstaat\n"
        return shippedRules.replacingOccurrences(of: block, with: "").replacingOccurrences(of: "\nrules:\n", with: "\nrules:\n" + block)
    }

    /// `reorderedRules` cut at a line boundary inside its first rule, as an editor saving over the network may leave it.
    var cutRules: String {
        let end = reorderedRules.range(of: "    when: days_overdue(arrears) >= 90\n")!.upperBound
        return String(reorderedRules[..<end])
    }

    @Test func givenARulesFileStillBeingWritten_whenReloaded_thenTheWholeFileIsTaken_andOneLeftCutShortIsReportedWithItsChanges() throws {
        #expect(reorderedRules.contains("rules:\n  aanhoudende_achterstand:"), "the test's rules file is set up")
        _ = directory.write("rules.yaml", reorderedRules)
        let listener = try NotifyListener(path: directory.file("notify.sock"))
        let daemon = try WaakvlamProcess(["serve", "--config", try configuration(), "--state-dir", state, "--now", "2026-11-05"],
                                         environment: ["NOTIFY_SOCKET": listener.path], in: directory)
        #expect(listener.waitFor("READY=1", timeout: 30).contains { $0.contains("READY=1") }, "\(daemon.standardError)")

        // When the reload comes while the file is half-written, the reload waits and takes it whole.
        _ = directory.write("rules.yaml", cutRules)
        daemon.send(SIGHUP)
        Thread.sleep(forTimeInterval: 0.4)
        _ = directory.write("rules.yaml", reorderedRules)
        let whole = listener.waitFor("in force", timeout: 60)
        #expect(whole.contains { $0.contains("in force; rules unchanged; 0 level changes") }, "\(whole)")
        #expect(!daemon.standardError.contains("for removed"), "\(daemon.standardError)")

        // When a file cut short is left so, it is taken (it parses), and the reload says what it lost.
        _ = directory.write("rules.yaml", cutRules)
        daemon.send(SIGHUP)
        let cut = listener.waitFor("for removed", timeout: 60)
        #expect(cut.contains { $0.contains("in force; rule aanhoudende_achterstand: for removed; rule huurachterstand_met_kinderen: removed;") && $0.contains("more change(s), see the journal") },
                "\(cut)")
        #expect(WaakvlamProcess.waitUntil(timeout: 10) { daemon.standardError.contains("rule meerdere_melders: removed") }, "\(daemon.standardError)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
    }
}
