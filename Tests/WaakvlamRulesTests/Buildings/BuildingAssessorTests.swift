import Testing
import WaakvlamCore
import WaakvlamRules

@Suite("Buildings: placement advice")
struct BuildingAssessorTests {
    static let building: Int64 = 10

    /// `count` regular households that moved in long ago, ids 1…count, in building 10.
    static func scene(households count: Int64, units: Int? = nil) -> Scene {
        var scene = Scene()
        if let units { scene.casebook.register(building: building, reference: "GEB-10", units: units, neighbourhood: nil) }
        for id in 1...count {
            scene.resident(id, HouseholdFacts(reference: "R\(id)", building: building, origin: .regulier, movedIn: t0 - days(2_000)))
        }
        return scene
    }

    static func assess(_ scene: Scene, at moment: Int64 = t0, levels: [Int64: Level] = [:]) -> BuildingAssessment {
        BuildingAssessor(policy: TestPolicy.make()).assess(scene.casebook.buildings[building]!, in: scene.casebook, at: moment) { levels[$0] ?? .green }
    }

    static func measure(_ kind: BuildingMeasure.Kind, in assessment: BuildingAssessment) -> BuildingMeasure? {
        assessment.measures.first { $0.kind == kind }
    }

    /// A measure's value and level as `"0.2 amber"`.
    static func reading(_ kind: BuildingMeasure.Kind, in assessment: BuildingAssessment) -> String {
        measure(kind, in: assessment).map { "\($0.value) \($0.level.rawValue)" } ?? "missing"
    }

    @Test("given four households, fewer than the minimum of five, when assessed, then the building has no colour")
    func tooFewToSay() {
        let assessment = Self.assess(Self.scene(households: 4), levels: [1: .red, 2: .red])
        #expect(assessment.households == 4)
        #expect(assessment.level == nil)
        #expect(assessment.measures.isEmpty)
    }

    @Test("given five quiet regular households, when assessed, then the building is green on every measure")
    func quietBuilding() {
        let assessment = Self.assess(Self.scene(households: 5))
        #expect(assessment.level == .green)
        #expect(assessment.measures.map(\.kind) == BuildingMeasure.Kind.allCases)
        #expect(assessment.measures.allSatisfy { $0.value == 0 && $0.level == .green })
    }

    @Test("given five households of which one or two came from bw or a clinic, when assessed, then the vulnerable share 0.2 is amber and 0.4 red")
    func vulnerableShare() {
        var scene = Self.scene(households: 5)
        scene.resident(1, HouseholdFacts(reference: "R1", building: Self.building, origin: .bw))
        #expect(Self.reading(.vulnerableShare, in: Self.assess(scene)) == "0.2 amber")
        scene.resident(2, HouseholdFacts(reference: "R2", building: Self.building, origin: .kliniek))
        let two = Self.assess(scene)
        #expect(Self.reading(.vulnerableShare, in: two) == "0.4 red")
        #expect(two.level == .red)
    }

    @Test("given households from jeugdzorg, when assessed, then they are not vulnerable arrivals by the shipped list")
    func jeugdzorgIsNotListed() {
        var scene = Self.scene(households: 5)
        scene.resident(1, HouseholdFacts(reference: "R1", building: Self.building, origin: .jeugdzorg))
        #expect(Self.measure(.vulnerableShare, in: Self.assess(scene))?.value == 0)
    }

    @Test("given five households with one and then two at amber or red, when assessed, then the concern share 0.2 is amber and 0.4 red")
    func concernShare() {
        let scene = Self.scene(households: 5)
        let one = Self.assess(scene, levels: [3: .amber])
        #expect(Self.reading(.concernShare, in: one) == "0.2 amber")
        #expect(one.level == .amber)
        let two = Self.assess(scene, levels: [3: .amber, 4: .red])
        #expect(Self.reading(.concernShare, in: two) == "0.4 red")
    }

    @Test("given five households and 3 then 5 nuisance signals in the window, when assessed, then 0.6 per dwelling is amber and 1.0 red")
    func nuisancePerDwelling() {
        var scene = Self.scene(households: 5)
        scene.signals(2, "overlast.geluid", about: 1, at: t0 - days(1))
        scene.signal("overlast.drugs", aboutBuilding: Self.building, at: t0 - days(1))
        let three = Self.assess(scene)
        #expect(three.dwellings == 5)
        #expect(Self.reading(.nuisancePerDwelling, in: three) == "0.6 amber")
        scene.signals(2, "overlast.geluid", about: 2, at: t0 - days(1))
        #expect(Self.reading(.nuisancePerDwelling, in: Self.assess(scene)) == "1.0 red")
    }

    @Test("given 10 registered units and five households, when 5 nuisance signals arrive, then the rate is per unit: 0.5, amber")
    func nuisanceUsesUnits() {
        var scene = Self.scene(households: 5, units: 10)
        scene.signals(5, "overlast.geluid", about: 1, at: t0 - days(1))
        let assessment = Self.assess(scene)
        #expect(assessment.dwellings == 10)
        #expect(Self.reading(.nuisancePerDwelling, in: assessment) == "0.5 amber")
    }

    @Test("given nuisance older than the 90-day window, non-nuisance signals and repeats, when assessed, then they are not nuisance in the window")
    func nuisanceWindow() {
        var scene = Self.scene(households: 5)
        scene.signals(5, "overlast.geluid", about: 1, at: t0 - days(90))
        scene.signals(5, "waarneming.schade", about: 2, at: t0 - days(1))
        scene.signal("overlast.geluid", aboutBuilding: Self.building, at: t0 - days(1), isRepeat: true)
        scene.signal("overlast.geluid", about: 3, at: t0 + 1)
        #expect(Self.measure(.nuisancePerDwelling, in: Self.assess(scene))?.value == 0)
    }

    @Test("given two of five households moved in within the year, when assessed, then turnover 0.4 is amber; turnover never makes red")
    func turnover() {
        var scene = Self.scene(households: 5)
        scene.resident(1, HouseholdFacts(reference: "R1", building: Self.building, movedIn: t0 - days(10)))
        let one = Self.assess(scene)
        #expect(Self.reading(.turnover, in: one) == "0.2 green")
        scene.resident(2, HouseholdFacts(reference: "R2", building: Self.building, movedIn: t0 - days(364)))
        #expect(Self.reading(.turnover, in: Self.assess(scene)) == "0.4 amber")
        for id in 3...5 as ClosedRange<Int64> { scene.resident(id, HouseholdFacts(reference: "R\(id)", building: Self.building, movedIn: t0 - days(1))) }
        #expect(Self.reading(.turnover, in: Self.assess(scene)) == "1.0 amber")
    }

    @Test("given six households of which one moved out, when assessed, then five count and the one who left is no part of any share")
    func movedOutDoesNotCount() {
        var scene = Self.scene(households: 6)
        scene.resident(6, HouseholdFacts(reference: "R6", building: Self.building, origin: .bw, movedIn: t0 - days(30), movedOut: t0 - days(1)))
        scene.signals(5, "overlast.geluid", about: 6, at: t0 - days(2))
        let assessment = Self.assess(scene, levels: [6: .red])
        #expect(assessment.households == 5)
        #expect(assessment.level == .green)
        #expect(assessment.measures.allSatisfy { $0.value == 0 })
    }

    @Test("given five households of which one moved out, when assessed, then there are too few to say")
    func movedOutDropsBelowMinimum() {
        var scene = Self.scene(households: 5)
        scene.resident(5, HouseholdFacts(reference: "R5", building: Self.building, movedOut: t0))
        #expect(Self.assess(scene).level == nil)
        #expect(Self.assess(scene, at: t0 - 1).level == .green)
    }
}
