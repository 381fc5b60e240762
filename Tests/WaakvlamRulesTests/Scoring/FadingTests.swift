import Testing
import WaakvlamCore
import WaakvlamRules

@Suite("Scoring: fading and the horizon")
struct FadingTests {
    /// One weight-2 nuisance signal (half-life 30 days) at t0.
    static func scene() -> Scene {
        var scene = Scene()
        scene.resident(1)
        scene.signal("overlast.drugs", about: 1, at: t0)
        return scene
    }

    @Test("given a weight-2 signal with half-life 30d, when assessed on its day, then it counts its full weight")
    func fresh() {
        let assessment = Self.scene().assess(1, at: t0)
        #expect(assessment.score == 2)
        #expect(assessment.contributions.map(\.faded) == [2])
    }

    @Test("given a weight-2 signal with half-life 30d, when assessed after 30 and 60 days, then it counts 1.0 and 0.5")
    func halfLives() {
        let scene = Self.scene()
        let after30 = scene.assess(1, at: t0 + days(30))
        let after60 = scene.assess(1, at: t0 + days(60))
        #expect(after30.contributions.map(\.counted) == [1.0])
        #expect(after30.score == 1.0)
        #expect(after60.contributions.map(\.counted) == [0.5])
        #expect(after60.score == 0.5)
    }

    @Test("given a signal, when assessed one second beyond the 365-day horizon, then it is not a contribution and adds nothing")
    func beyondHorizon() {
        let scene = Self.scene()
        let atHorizon = scene.assess(1, at: t0 + days(365))
        let beyond = scene.assess(1, at: t0 + days(365) + 1)
        #expect(atHorizon.contributions.count == 1)
        #expect(atHorizon.score > 0)
        #expect(beyond.contributions.isEmpty)
        #expect(beyond.score == 0)
    }

    @Test("given a signal dated after the moment assessed, when assessed, then it counts nothing")
    func fromTheFuture() {
        var scene = Scene()
        scene.resident(1)
        scene.signal("overlast.drugs", about: 1, at: t0 + 1)
        let assessment = scene.assess(1, at: t0)
        #expect(assessment.contributions.isEmpty)
        #expect(assessment.score == 0)
    }

    @Test("given a shorter horizon in the policy, when a signal is older than it, then it no longer counts")
    func policyHorizon() {
        var scoring = ScoringPolicy.standard
        scoring.horizon = .days(30)
        let policy = TestPolicy.make(scoring: scoring)
        let scene = Self.scene()
        #expect(scene.assess(1, at: t0 + days(30), policy: policy).score == 1.0)
        #expect(scene.assess(1, at: t0 + days(30) + 1, policy: policy).score == 0)
    }
}
