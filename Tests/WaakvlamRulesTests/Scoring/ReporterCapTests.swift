import Testing
import WaakvlamCore
import WaakvlamRules

@Suite("Scoring: the per-reporter cap")
struct ReporterCapTests {
    @Test("given twenty weight-1 reports from one reporter, when assessed, then together they add exactly the cap of 3")
    func oneReporterIsCapped() {
        var scene = Scene()
        scene.resident(1)
        scene.signals(20, "overlast.geluid", about: 1, at: t0, reporter: "buur-7")
        let assessment = scene.assess(1, at: t0)
        #expect(nearly(assessment.score, 3))
        #expect(assessment.contributions.count == 20)
        #expect(assessment.contributions.allSatisfy { $0.adjustment == .reporterCap && nearly($0.counted, 0.15) && $0.faded == 1 })
    }

    @Test("given one report from each of three reporters, when assessed, then each counts in full")
    func threeReportersEachCount() {
        var scene = Scene()
        scene.resident(1)
        for reporter in ["buur-1", "buur-2", "buur-3"] { scene.signal("overlast.geluid", about: 1, at: t0, reporter: reporter) }
        let assessment = scene.assess(1, at: t0)
        #expect(assessment.score == 3)
        #expect(assessment.contributions.allSatisfy { $0.adjustment == nil && $0.counted == 1 })
    }

    @Test("given five reports from each of three reporters, when assessed, then each reporter is capped separately: 3 + 3 + 3")
    func eachReporterHasItsOwnCap() {
        var scene = Scene()
        scene.resident(1)
        for reporter in ["buur-1", "buur-2", "buur-3"] { scene.signals(5, "overlast.geluid", about: 1, at: t0, reporter: reporter) }
        #expect(nearly(scene.assess(1, at: t0).score, 9))
    }

    @Test("given twenty weight-1 reports without a reporter, when assessed, then they are not capped together")
    func noReporterIsNotOneReporter() {
        var scene = Scene()
        scene.resident(1)
        scene.signals(20, "overlast.geluid", about: 1, at: t0)
        let assessment = scene.assess(1, at: t0)
        #expect(assessment.score == 20)
        #expect(assessment.contributions.allSatisfy { $0.adjustment == nil })
    }

    @Test("given a reporter whose reports stay under the cap, when assessed, then nothing is marked as capped")
    func underTheCap() {
        var scene = Scene()
        scene.resident(1)
        scene.signals(3, "overlast.geluid", about: 1, at: t0, reporter: "buur-7")
        let assessment = scene.assess(1, at: t0)
        #expect(assessment.score == 3)
        #expect(assessment.contributions.allSatisfy { $0.adjustment == nil })
    }

    @Test("given a reporter with nuisance over the cap and damage and a police report of their own, when assessed, then only the nuisance is capped")
    func onlyNuisanceIsCapped() {
        var scene = Scene()
        scene.resident(1)
        scene.signals(6, "overlast.geluid", about: 1, at: t0, reporter: "buur-7")
        scene.signal("waarneming.schade", about: 1, at: t0, reporter: "buur-7")
        scene.signal("veiligheid.politie", about: 1, at: t0, reporter: "buur-7")
        let assessment = scene.assess(1, at: t0)
        // Nuisance 6 capped to 3 (sociaal), damage 1 (wonen), police 0.5 (veiligheid, just active
        // at the minimum of 0.5): 4.5 in three active domains, times 1.5. Capping all of the
        // reporter's signals together would give 3 × 1.0.
        #expect(nearly(assessment.score, 4.5 * 1.5))
        let capped = assessment.contributions.filter { $0.adjustment == .reporterCap }
        #expect(capped.count == 6 && capped.allSatisfy { $0.signal.type == "overlast.geluid" })
        #expect(assessment.contributions.filter { $0.signal.type != "overlast.geluid" }.allSatisfy { $0.adjustment == nil && $0.counted == $0.faded })
    }
}
