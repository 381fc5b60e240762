import Testing
import WaakvlamCore
import WaakvlamRules

@Suite("Scoring: aftercare thresholds")
struct AftercareTests {
    /// A household with concern 3 (three fresh weight-1 complaints): green at 4/8, amber at the aftercare 2.5/6.
    static func scene(_ facts: HouseholdFacts) -> Scene {
        var scene = Scene()
        scene.resident(1, facts)
        scene.signals(3, "overlast.geluid", about: 1, at: t0)
        return scene
    }

    @Test("given support that ended 100 days ago, when assessed, then aftercare thresholds apply and a score of 3 is amber")
    func afterSupportEnds() {
        let until = t0 - days(100)
        let assessment = Self.scene(HouseholdFacts(reference: "R1", support: .ambulant, supportUntil: until)).assess(1, at: t0)
        #expect(assessment.aftercare == .supportEnded(until))
        #expect(assessment.thresholds == AftercarePolicy.standard.thresholds)
        #expect(assessment.level == .amber)
    }

    @Test("given support that ended exactly afterSupportEnds (365d) ago, when assessed, then normal thresholds apply again")
    func afterSupportEndsIsOver() {
        let assessment = Self.scene(HouseholdFacts(reference: "R1", supportUntil: t0 - days(365))).assess(1, at: t0)
        #expect(assessment.aftercare == nil)
        #expect(assessment.thresholds == LevelPolicy.standard.thresholds)
        #expect(assessment.level == .green)
    }

    @Test("given support that ends tomorrow, when assessed today, then it is not aftercare yet")
    func supportStillRunning() {
        let assessment = Self.scene(HouseholdFacts(reference: "R1", support: .intensief, supportUntil: t0 + days(1))).assess(1, at: t0)
        #expect(assessment.aftercare == nil)
        #expect(assessment.level == .green)
    }

    @Test("given a household that moved in from bw 30 days ago, when assessed, then aftercare thresholds apply")
    func arrivalFromBW() {
        let movedIn = t0 - days(30)
        let assessment = Self.scene(HouseholdFacts(reference: "R1", origin: .bw, movedIn: movedIn)).assess(1, at: t0)
        #expect(assessment.aftercare == .arrived(.bw, movedIn))
        #expect(assessment.thresholds == AftercarePolicy.standard.thresholds)
        #expect(assessment.level == .amber)
    }

    @Test("given a household from bw that moved in exactly afterArrival (365d) ago, when assessed, then normal thresholds apply")
    func arrivalIsOver() {
        let assessment = Self.scene(HouseholdFacts(reference: "R1", origin: .bw, movedIn: t0 - days(365))).assess(1, at: t0)
        #expect(assessment.aftercare == nil)
        #expect(assessment.level == .green)
    }

    @Test("given a regular household that moved in 30 days ago, when assessed, then normal thresholds apply")
    func regularOrigin() {
        let assessment = Self.scene(HouseholdFacts(reference: "R1", origin: .regulier, movedIn: t0 - days(30))).assess(1, at: t0)
        #expect(assessment.aftercare == nil)
        #expect(assessment.thresholds == LevelPolicy.standard.thresholds)
        #expect(assessment.level == .green)
    }

    @Test("given a state that recovered from red 10 days ago, when assessed, then aftercare thresholds apply until afterRecovery has passed")
    func afterRecovery() {
        let recovered = t0 - days(10)
        let state = SubjectState(level: .green, since: recovered, recoveredAt: recovered, evaluatedAt: recovered)
        let scene = Self.scene(HouseholdFacts(reference: "R1"))
        let during = scene.assess(1, at: t0, state: state)
        #expect(during.aftercare == .recovered(recovered))
        #expect(during.level == .amber)
        let after = scene.assess(1, at: recovered + days(180), state: state)
        #expect(after.aftercare == nil)
        #expect(after.thresholds == LevelPolicy.standard.thresholds)
    }
}
