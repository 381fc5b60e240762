import Testing
import WaakvlamCore
@testable import WaakvlamRules

/// What a reload says about new rules: each rule added, removed or changed, and each threshold moved.
@Suite struct RuleSetChangesTests {
    func policy() throws -> StoplightPolicy {
        TestPolicy.make(rules: [
            try TestPolicy.rule("huurachterstand_met_kinderen", .red, when: "days_overdue(arrears) >= 60 and minors() > 0"),
            try TestPolicy.rule("aanhoudende_achterstand", .amber, when: "days_overdue(arrears) >= 90", for: .days(14)),
            try TestPolicy.rule("meerdere_melders", .amber, when: "reporters(nuisance, 90d) >= 3"),
        ])
    }

    @Test func givenTheSameRules_thenNothingIsNamed() throws {
        let changes = RuleSetChanges(from: try policy(), to: try policy())
        #expect(changes.isEmpty)
        #expect(changes.description == "rules unchanged")
    }

    @Test func givenAFileCutShort_thenTheLostHoldTheChangedConditionAndTheLostRulesAreEachNamed() throws {
        // As an editor saving over the network left it: `>= 60` became `>= 6`, a `for: 14d` lost, the rest gone.
        let cut = TestPolicy.make(rules: [
            try TestPolicy.rule("huurachterstand_met_kinderen", .red, when: "days_overdue(arrears) >= 6"),
            try TestPolicy.rule("aanhoudende_achterstand", .amber, when: "days_overdue(arrears) >= 90"),
        ])
        let changes = RuleSetChanges(from: try policy(), to: cut)
        #expect(changes.lines == [
            "rule huurachterstand_met_kinderen: condition changed (days_overdue(arrears) >= 60 and minors() > 0 → days_overdue(arrears) >= 6)",
            "rule aanhoudende_achterstand: for removed",
            "rule meerdere_melders: removed",
        ])
        #expect(changes.summary(first: 2) == "rule huurachterstand_met_kinderen: condition changed (days_overdue(arrears) >= 60 and minors() > 0 → days_overdue(arrears) >= 6); "
            + "rule aanhoudende_achterstand: for removed; and 1 more change(s), see the journal")
    }

    @Test func givenANewRuleALevelAHoldAndThresholdsChanged_thenEachIsNamedWithBothValues() throws {
        var changed = try policy()
        changed.rules[0].level = .amber
        changed.rules[1].holdFor = .days(7)
        changed.rules[2].holdFor = .days(3)
        changed.rules.append(try TestPolicy.rule("veiligheid", .amber, when: "count(safety, 14d) >= 1"))
        changed.levels.thresholds.amberAt = 3.0
        changed.aftercare.thresholds.redAt = 5.5
        let changes = RuleSetChanges(from: try policy(), to: changed)
        #expect(changes.lines == [
            "rule huurachterstand_met_kinderen: level red → amber",
            "rule aanhoudende_achterstand: for 2w → 1w",
            "rule meerdere_melders: for 3d added",
            "rule veiligheid: added",
            "levels amber_at 4.0 → 3.0",
            "aftercare red_at \(TestPolicy.make().aftercare.thresholds.redAt) → 5.5",
        ])
    }

    @Test func givenASpellingOnlyChange_thenTheConditionIsNotNamed() throws {
        var respelled = try policy()
        respelled.rules[2] = try TestPolicy.rule("meerdere_melders", .amber, when: "reporters(nuisance,90d)>=3")
        #expect(RuleSetChanges(from: try policy(), to: respelled).isEmpty)
    }
}
