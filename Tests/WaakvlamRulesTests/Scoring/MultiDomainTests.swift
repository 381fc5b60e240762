import Testing
import WaakvlamCore
import WaakvlamRules

@Suite("Scoring: the optelsom of several life-domains")
struct MultiDomainTests {
    @Test("given three equal signals, when they are in three domains instead of one, then the score is higher by exactly 1 + 2 × 0.25")
    func threeDomainsWeighMore() {
        var oneDomain = Scene()
        oneDomain.resident(1)
        oneDomain.signals(3, "overlast.geluid", about: 1, at: t0)
        var threeDomains = Scene()
        threeDomains.resident(1)
        for type in ["overlast.geluid", "waarneming.schade", "zorg.gestopt"] { threeDomains.signal(type, about: 1, at: t0) }

        let single = oneDomain.assess(1, at: t0)
        let spread = threeDomains.assess(1, at: t0)
        #expect(single.score == 3)
        #expect(single.multiplier == 1)
        #expect(spread.activeDomains == ["sociaal", "wonen", "zorg"])
        #expect(spread.concern == 3)
        #expect(spread.multiplier == 1.5)
        #expect(spread.score == 4.5)
        #expect(spread.score == single.score * (1 + 2 * ScoringPolicy.standard.multiDomainBonus))
    }

    @Test("given the optelsom, when three equal signals spread over three domains, then they reach amber where one domain stays green")
    func spreadReachesAmber() {
        var scene = Scene()
        scene.resident(1)
        for type in ["overlast.geluid", "waarneming.schade", "zorg.gestopt"] { scene.signal(type, about: 1, at: t0) }
        scene.resident(2)
        scene.signals(3, "overlast.geluid", about: 2, at: t0)
        #expect(scene.assess(1, at: t0).level == .amber)
        #expect(scene.assess(2, at: t0).level == .green)
    }

    @Test("given a domain with 0.5 concern, below the active-domain minimum of 1, when assessed, then it adds its concern but no bonus")
    func belowMinimumIsNotActive() {
        var scene = Scene()
        scene.resident(1)
        scene.signal("overlast.geluid", about: 1, at: t0)
        scene.signal("waarneming.post", about: 1, at: t0)
        let assessment = scene.assess(1, at: t0, policy: Self.minimumOfOne)
        #expect(assessment.activeDomains == ["sociaal"])
        #expect(assessment.multiplier == 1)
        #expect(assessment.score == 1.5)
    }

    @Test("given a domain at exactly the active-domain minimum, when assessed, then it is active")
    func atMinimumIsActive() {
        var scene = Scene()
        scene.resident(1)
        scene.signal("overlast.geluid", about: 1, at: t0)
        scene.signals(2, "waarneming.post", about: 1, at: t0)
        let assessment = scene.assess(1, at: t0, policy: Self.minimumOfOne)
        #expect(assessment.activeDomains == ["sociaal", "wonen"])
        #expect(assessment.score == 2.5)
    }

    @Test("given signals in two domains, when domains() is asked, then it counts the active domains")
    func domainsFunction() throws {
        var scene = Scene()
        scene.resident(1)
        scene.signal("overlast.geluid", about: 1, at: t0)
        scene.signal("zorg.gestopt", about: 1, at: t0)
        scene.signal("waarneming.post", about: 1, at: t0)
        #expect(try scene.number("domains()", of: 1, at: t0, policy: Self.minimumOfOne) == 2)
        #expect(try scene.number("domains()", of: 1, at: t0) == 3)
    }

    /// The shipped minimum is 0.5; these cases use 1 so that a weight-0.5 signal falls below it.
    static let minimumOfOne = TestPolicy.make(scoring: ScoringPolicy(horizon: .days(365), reporterCap: 3, multiDomainBonus: 0.25,
                                                                    activeDomainMinimum: 1, feudWindow: .days(90)))
}
