import Testing
import WaakvlamCore
import WaakvlamRules

@Suite("Rule tests: the runner")
struct RuleTestRunnerTests {
    static let file = "tests/politie.yaml"
    static let calendar = LocalCalendar(identifier: "Europe/Amsterdam")!

    static func runner() throws -> RuleTestRunner {
        let rule = try TestPolicy.rule("politie", .red, when: "count(veiligheid.politie, 7d) >= 1")
        return RuleTestRunner(policy: TestPolicy.make(rules: [rule]), calendar: calendar)
    }

    static func police(at moment: Int64, line: Int) -> RuleTestScenario.Step {
        let record = SignalRecord(source: "politie", id: "p1", type: "veiligheid.politie", family: .safety, occurredAt: moment, dateOnly: false, resident: "H-1")
        return .init(moment: moment, line: line, action: .signal(record))
    }

    static func expect(_ subject: String, _ level: String, at moment: Int64, line: Int) -> RuleTestScenario.Step {
        .init(moment: moment, line: line, action: .expect(subject: subject, level: level))
    }

    @Test("given a scenario whose expectations all hold, when run, then every expectation is counted and none fails")
    func passing() throws {
        let scenario = RuleTestScenario(file: Self.file, name: "politie", steps: [
            Self.police(at: t0, line: 4),
            Self.expect("H-1", "red", at: t0, line: 8),
            Self.expect("H-1", "red", at: t0 + days(20), line: 9),
            Self.expect("H-1", "green", at: t0 + days(21), line: 10),
        ])
        let outcome = try Self.runner().run(scenario)
        #expect(outcome.expectations == 3)
        #expect(outcome.failures.isEmpty)
    }

    @Test("given a scenario with a wrong expectation on line 9, when run, then the one failure names the file and line 9")
    func wrongExpectation() throws {
        let scenario = RuleTestScenario(file: Self.file, name: "politie", steps: [
            Self.police(at: t0, line: 4),
            Self.expect("H-1", "red", at: t0, line: 8),
            Self.expect("H-1", "green", at: t0 + days(7), line: 9),
        ])
        let outcome = try Self.runner().run(scenario)
        #expect(outcome.expectations == 2)
        #expect(outcome.failures.map(\.file) == [Self.file])
        #expect(outcome.failures.map(\.line) == [9])
        let text = outcome.failures.first?.description ?? ""
        #expect(text.hasPrefix("tests/politie.yaml:9: resident H-1 on 2026-01-08: expected green, got red"), "\(text)")
    }

    @Test("given steps written out of time order, when run, then they are taken in time order and lines still point at the expectation")
    func outOfOrder() throws {
        let scenario = RuleTestScenario(file: Self.file, name: "politie", steps: [
            Self.expect("H-1", "amber", at: t0 + days(1), line: 3),
            Self.police(at: t0, line: 7),
        ])
        let outcome = try Self.runner().run(scenario)
        #expect(outcome.failures.map(\.line) == [3])
        #expect(outcome.failures.first?.message.contains("expected amber, got red") == true)
    }

    @Test("given an expectation about a subject never mentioned, when run, then the failure says so at its line")
    func unknownSubject() throws {
        let scenario = RuleTestScenario(file: Self.file, name: "politie", steps: [
            Self.police(at: t0, line: 4),
            Self.expect("H-2", "green", at: t0, line: 5),
        ])
        let outcome = try Self.runner().run(scenario)
        #expect(outcome.failures.map(\.description) == ["tests/politie.yaml:5: 'H-2' is neither a resident nor a building in this test"])
    }
}
