import Testing
import WaakvlamCore
import WaakvlamRules

/// `explain` answers in bounded size: at most `Explainer.contributionLimit` contributions, the
/// ones that add most, with the number and sum of the rest.
@Suite struct ExplainerTests {
    let calendar = LocalCalendar(identifier: "Europe/Amsterdam")!

    /// Household 1 with `count` signals an hour apart, newest at `t0`, and one heavier one among the oldest.
    func household(signals count: Int) -> Scene {
        var scene = Scene()
        scene.resident(1)
        for hour in (1..<count).reversed() { scene.signal("waarneming.post", about: 1, at: t0 - Int64(hour) * 3_600) }
        scene.signal("achterstand.huur", about: 1, at: t0 - Int64(count) * 3_600)
        return scene
    }

    @Test func givenMoreContributionsThanTheLimit_thenTheLargestAreListedInDateOrderAndTheRestCounted() throws {
        let scene = household(signals: 1_000)
        let full = try #require(scene.stoplight().assessment(ofResident: 1, at: t0))

        let explanation = try #require(Explainer(stoplight: scene.stoplight(), calendar: calendar).resident("R1", at: t0))

        #expect(explanation.contributions.count == Explainer.contributionLimit)
        #expect(explanation.contributionsOmitted == full.contributions.count - Explainer.contributionLimit)
        #expect(explanation.contributions.contains { $0.type == "achterstand.huur" }, "the heaviest is listed however old")
        let dates = explanation.contributions.map(\.occurredAt)
        #expect(dates == dates.sorted(), "listed in date order, as a full list would be")
        let listed = explanation.contributions.reduce(0) { $0 + $1.counted }
        #expect(abs(listed + explanation.contributionsOmittedCounted - full.contributions.reduce(0) { $0 + $1.counted }) < 0.5)
    }

    @Test func givenNoMoreThanTheLimit_thenEveryContributionIsListedAndNoneOmitted() throws {
        let scene = household(signals: Explainer.contributionLimit)
        let explanation = try #require(Explainer(stoplight: scene.stoplight(), calendar: calendar).resident("R1", at: t0))
        let all = try #require(scene.stoplight().assessment(ofResident: 1, at: t0)).contributions.count
        #expect(explanation.contributions.count == all)
        #expect(explanation.contributionsOmitted == 0)
    }
}
