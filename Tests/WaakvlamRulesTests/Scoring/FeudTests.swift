import Testing
import WaakvlamCore
import WaakvlamRules

@Suite("Scoring: feuds between households")
struct FeudTests {
    /// Households A (id 1) and B (id 2), known by their references so reporters can be recognised.
    static func neighbours() -> Scene {
        var scene = Scene()
        scene.resident(1, HouseholdFacts(reference: "A"))
        scene.resident(2, HouseholdFacts(reference: "B"))
        return scene
    }

    @Test("given A reports B and B reports A within the feud window, when both are assessed, then each complaint is a feud and counts 0")
    func mutualComplaints() {
        var scene = Self.neighbours()
        scene.signal("overlast.geluid", about: 2, at: t0, reporter: "A")
        scene.signal("overlast.geluid", about: 1, at: t0 + days(30), reporter: "B")
        let moment = t0 + days(31)
        let a = scene.assess(1, at: moment)
        let b = scene.assess(2, at: moment)
        #expect(a.feudWith == ["B"])
        #expect(b.feudWith == ["A"])
        for assessment in [a, b] {
            #expect(assessment.contributions.map(\.adjustment) == [.feud])
            #expect(assessment.contributions.map(\.counted) == [0])
            #expect(assessment.score == 0)
        }
    }

    @Test("given a feud, when a third neighbour also complains about A, then that complaint still counts")
    func othersStillCount() {
        var scene = Self.neighbours()
        scene.resident(3, HouseholdFacts(reference: "C"))
        scene.signal("overlast.geluid", about: 2, at: t0, reporter: "A")
        scene.signal("overlast.geluid", about: 1, at: t0, reporter: "B")
        scene.signal("overlast.geluid", about: 1, at: t0, reporter: "C")
        let a = scene.assess(1, at: t0)
        #expect(a.feudWith == ["B"])
        #expect(a.score == 1)
    }

    @Test("given only B complains about A, when assessed, then there is no feud and the complaint counts")
    func oneSided() {
        var scene = Self.neighbours()
        scene.signal("overlast.geluid", about: 1, at: t0, reporter: "B")
        let a = scene.assess(1, at: t0 + days(1))
        #expect(a.feudWith.isEmpty)
        #expect(a.contributions.map(\.adjustment) == [nil])
        #expect(a.score > 0.97)
    }

    @Test("given B complained about A 91 days ago and A about B yesterday, when assessed, then the old complaint makes no feud")
    func outsideTheWindow() {
        var scene = Self.neighbours()
        let moment = t0 + days(91)
        scene.signal("overlast.geluid", about: 1, at: t0, reporter: "B")
        scene.signal("overlast.geluid", about: 2, at: moment - days(1), reporter: "A")
        let a = scene.assess(1, at: moment)
        let b = scene.assess(2, at: moment)
        #expect(a.feudWith.isEmpty)
        #expect(b.feudWith.isEmpty)
        #expect(b.contributions.map(\.adjustment) == [nil])
        #expect(b.score > 0)
    }

    @Test("given a feud, when feud() is asked, then it is true for both households and false for a one-sided complaint")
    func feudFunction() throws {
        var scene = Self.neighbours()
        scene.resident(3, HouseholdFacts(reference: "C"))
        scene.signal("overlast.geluid", about: 2, at: t0, reporter: "A")
        scene.signal("overlast.geluid", about: 1, at: t0, reporter: "B")
        scene.signal("overlast.geluid", about: 3, at: t0, reporter: "A")
        #expect(try scene.truth("feud()", of: 1, at: t0))
        #expect(try scene.truth("feud()", of: 2, at: t0))
        #expect(try !scene.truth("feud()", of: 3, at: t0))
    }
}
