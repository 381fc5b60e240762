import Testing
import WaakvlamCore
import WaakvlamRules

@Suite("Levels: rules with for:")
struct HoldForTests {
    /// A household with minors from t0, and a rule that asks amber once minors() > 0 has held 14 days.
    static func engine() throws -> Stoplight {
        let rule = try TestPolicy.rule("kinderen", .amber, when: "minors() > 0", for: .days(14))
        var scene = Scene()
        scene.resident(1, HouseholdFacts(reference: "R1", minors: 2))
        return scene.stoplight(TestPolicy.make(rules: [rule]))
    }

    static func setMinors(_ minors: Int, in stoplight: inout Stoplight) {
        stoplight.casebook.register(resident: 1, facts: HouseholdFacts(reference: "R1", minors: minors))
    }

    @Test("given a rule with for: 14d whose condition holds from t0, when evaluated, then it fires at exactly t0 + 14d and not a second before")
    func firesAfterHoldFor() throws {
        var stoplight = try Self.engine()
        _ = stoplight.evaluate(residents: [1], at: t0)
        #expect(stoplight.state(of: .resident(1)).ruleSince == ["kinderen": t0])
        #expect(stoplight.state(of: .resident(1)).rules.isEmpty)
        _ = stoplight.evaluate(at: t0 + days(14) - 1)
        #expect(stoplight.level(ofResident: 1) == .green)
        let changes = stoplight.evaluate(at: t0 + days(14))
        #expect(stoplight.level(ofResident: 1) == .amber)
        #expect(changes.map(\.rules) == [["kinderen"]])
    }

    @Test("given a rule with for: 14d that holds, when assessed, then it is holding but has not fired")
    func holdingIsNotFiring() throws {
        var stoplight = try Self.engine()
        _ = stoplight.evaluate(residents: [1], at: t0)
        let assessment = try #require(stoplight.assessment(ofResident: 1, at: t0 + days(7)))
        #expect(assessment.holding == ["kinderen"])
        #expect(assessment.fired.isEmpty)
        #expect(assessment.level == .green)
    }

    @Test("given a gap in the condition, when it holds again, then the 14 days count from the new start")
    func gapRestartsTheClock() throws {
        var stoplight = try Self.engine()
        _ = stoplight.evaluate(residents: [1], at: t0)
        Self.setMinors(0, in: &stoplight)
        _ = stoplight.evaluate(residents: [1], at: t0 + days(5))
        #expect(stoplight.state(of: .resident(1)).ruleSince.isEmpty)
        Self.setMinors(1, in: &stoplight)
        _ = stoplight.evaluate(residents: [1], at: t0 + days(6))
        _ = stoplight.evaluate(at: t0 + days(14))
        #expect(stoplight.level(ofResident: 1) == .green)
        _ = stoplight.evaluate(at: t0 + days(20) - 1)
        #expect(stoplight.level(ofResident: 1) == .green)
        _ = stoplight.evaluate(at: t0 + days(20))
        #expect(stoplight.level(ofResident: 1) == .amber)
    }

    @Test("given a rule without for:, when its condition holds, then it fires at once")
    func withoutHoldFor() throws {
        let rule = try TestPolicy.rule("kinderen", .amber, when: "minors() > 0")
        var scene = Scene()
        scene.resident(1, HouseholdFacts(reference: "R1", minors: 2))
        var stoplight = scene.stoplight(TestPolicy.make(rules: [rule]))
        _ = stoplight.evaluate(residents: [1], at: t0)
        #expect(stoplight.level(ofResident: 1) == .amber)
    }

    @Test("given the shipped kind of rule on days_overdue >= 90 for 14d, when arrears reach 90 days, then it fires 14 days later")
    func arrearsHoldFor() throws {
        let rule = try TestPolicy.rule("aanhoudende_achterstand", .amber, when: "days_overdue(arrears) >= 90", for: .days(14))
        var scene = Scene()
        scene.resident(1)
        scene.signal("achterstand.huur", about: 1, at: t0, amountCents: 50_000, daysOverdue: 80)
        var stoplight = scene.stoplight(TestPolicy.make(rules: [rule]))
        for day in 0...23 as ClosedRange<Int64> { _ = stoplight.evaluate(at: t0 + days(day)) }
        #expect(stoplight.level(ofResident: 1) == .green)
        _ = stoplight.evaluate(at: t0 + days(24))
        #expect(stoplight.level(ofResident: 1) == .amber)
    }
}
