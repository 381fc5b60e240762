import Testing
import WaakvlamCore
import WaakvlamRules

@Suite("Scoring: positive signals, closed episodes and repeats")
struct AdjustmentTests {
    @Test("given concern 3 and a fresh positive contact of -1.5, when assessed, then the score is 1.5 and the relief -1.5")
    func positiveLowers() {
        var scene = Scene()
        scene.resident(1)
        scene.signal("overlast.geluid", about: 1, at: t0)
        scene.signal("overlast.drugs", about: 1, at: t0)
        scene.signal("positief.contact", about: 1, at: t0)
        let assessment = scene.assess(1, at: t0)
        #expect(assessment.concern == 3)
        #expect(assessment.relief == -1.5)
        #expect(assessment.score == 1.5)
    }

    @Test("given more relief than concern, when assessed, then the score is 0, never below")
    func neverBelowZero() {
        var scene = Scene()
        scene.resident(1)
        scene.signal("overlast.geluid", about: 1, at: t0)
        scene.signal("positief.contact", about: 1, at: t0)
        scene.signal("positief.contact", about: 1, at: t0)
        let assessment = scene.assess(1, at: t0)
        // The positives can take off no more than the concern in their own domain.
        #expect(assessment.relief == -1)
        #expect(assessment.score == 0)
    }

    @Test("given concern 1 in each of three domains and a positive contact in sociaal, when assessed, then only sociaal is offset: 2 x 1.25")
    func reliefStaysInItsDomain() {
        var scene = Scene()
        scene.resident(1)
        for type in ["overlast.geluid", "waarneming.schade", "zorg.gestopt"] { scene.signal(type, about: 1, at: t0) }
        scene.signal("positief.contact", about: 1, at: t0)
        let assessment = scene.assess(1, at: t0)
        #expect(assessment.activeDomains == ["wonen", "zorg"])
        #expect(assessment.score == 2.5)
    }

    @Test("given arrears from two sources and a closing signal from one, when assessed, then only that source's arrears are closed")
    func closingIsPerSource() {
        var scene = Scene()
        scene.resident(1)
        scene.casebook.add(SignalFact(id: 101, reference: "corporatie:1", type: "achterstand.huur", occurredAt: t0, amountCents: 80_000, daysOverdue: 30), resident: 1)
        scene.casebook.add(SignalFact(id: 102, reference: "energie:1", type: "achterstand.energie", occurredAt: t0, amountCents: 20_000, daysOverdue: 30), resident: 1)
        scene.casebook.add(SignalFact(id: 103, reference: "corporatie:2", type: "positief.achterstand_voldaan", occurredAt: t0 + 86_400), resident: 1)
        let assessment = scene.assess(1, at: t0 + 2 * 86_400)
        #expect(assessment.contributions.first { $0.signal.id == 101 }?.adjustment == .closed)
        #expect(assessment.contributions.first { $0.signal.id == 102 }?.adjustment == nil)
    }

    @Test("given arrears and later a closing signal, when assessed, then the arrears before it are marked closed and count 0")
    func closedArrears() {
        var scene = Scene()
        scene.resident(1)
        scene.signal("achterstand.huur", about: 1, at: t0, amountCents: 50_000, daysOverdue: 30)
        scene.signal("achterstand.energie", about: 1, at: t0 + days(1), amountCents: 10_000, daysOverdue: 30)
        scene.signal("positief.achterstand_voldaan", about: 1, at: t0 + days(2))
        let assessment = scene.assess(1, at: t0 + days(2))
        let arrears = assessment.contributions.filter { $0.domain == "financien" && $0.weight > 0 }
        #expect(arrears.map(\.adjustment) == [.closed, .closed])
        #expect(arrears.map(\.counted) == [0, 0])
        #expect(assessment.concern == 0)
        #expect(assessment.score == 0)
    }

    @Test("given arrears reported after the closing signal, when assessed, then the new episode counts")
    func newEpisodeAfterClosing() {
        var scene = Scene()
        scene.resident(1)
        scene.signal("achterstand.huur", about: 1, at: t0)
        scene.signal("positief.achterstand_voldaan", about: 1, at: t0 + days(1))
        scene.signal("achterstand.huur", about: 1, at: t0 + days(2))
        let assessment = scene.assess(1, at: t0 + days(2))
        #expect(assessment.contributions.map(\.adjustment) == [.closed, nil, nil])
        #expect(assessment.concern == 2)
    }

    @Test("given a repeated arrears report, when assessed, then it is marked repeat and counts 0 while the first counts in full")
    func repeats() {
        var scene = Scene()
        scene.resident(1)
        scene.signal("achterstand.huur", about: 1, at: t0, amountCents: 50_000)
        scene.signal("achterstand.huur", about: 1, at: t0, amountCents: 50_000, isRepeat: true)
        let assessment = scene.assess(1, at: t0)
        #expect(assessment.contributions.map(\.adjustment) == [nil, .repeatReport])
        #expect(assessment.contributions.map(\.counted) == [2, 0])
        #expect(assessment.score == 2)
    }
}
