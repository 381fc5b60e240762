import Testing
import WaakvlamCore
import WaakvlamRules

@Suite("Levels: the stoplight engine")
struct StoplightTests {
    @Test("given a resident without signals, when evaluated, then nothing is kept and nothing is unsaved")
    func quietResident() {
        var scene = Scene()
        scene.resident(1)
        var stoplight = scene.stoplight()
        _ = stoplight.evaluate(residents: [1], at: t0)
        #expect(stoplight.states.isEmpty)
        #expect(stoplight.takeUnsaved().isEmpty)
    }

    @Test("given a resident whose one signal keeps it green, when evaluated, then its state is not kept")
    func greenResidentIsNotKept() {
        var scene = Scene()
        scene.resident(1)
        scene.signal("overlast.geluid", about: 1, at: t0)
        var stoplight = scene.stoplight()
        _ = stoplight.evaluate(at: t0)
        #expect(stoplight.states[.resident(1)] == nil)
        #expect(stoplight.takeUnsaved().isEmpty)
        #expect(stoplight.level(ofResident: 1) == .green)
    }

    @Test("given a resident that turns red, when unsaved states are taken, then it is there once; an hour later with nothing new it is not")
    func unsavedOnlyWhenChanged() {
        var scene = Scene()
        scene.resident(1)
        scene.resident(2)
        scene.signals(9, "overlast.geluid", about: 1, at: t0)
        scene.signal("overlast.geluid", about: 2, at: t0)
        var stoplight = scene.stoplight()
        let changes = stoplight.evaluate(at: t0)
        #expect(changes.map(\.subject) == [.resident(1)])
        #expect(changes.map(\.to) == [.red])
        let unsaved = stoplight.takeUnsaved()
        #expect(unsaved.map(\.subject) == [.resident(1)])
        #expect(unsaved.first?.state?.level == .red)
        #expect(stoplight.takeUnsaved().isEmpty)
        // The score fades a little, but what the engine remembers is the same.
        _ = stoplight.evaluate(at: t0 + hour)
        #expect(stoplight.takeUnsaved().isEmpty)
        #expect(stoplight.level(ofResident: 1) == .red)
    }

    @Test("given a red resident starting to calm down, when evaluated, then the new calm clock is unsaved")
    func calmClockIsUnsaved() {
        var scene = Scene()
        scene.resident(1)
        scene.signals(8, "overlast.geluid", about: 1, at: t0)
        var stoplight = scene.stoplight()
        _ = stoplight.evaluate(at: t0)
        _ = stoplight.takeUnsaved()
        // 8 × 2^(-1/30 per day): below 8 after any time at all, so amber is asked for.
        _ = stoplight.evaluate(at: t0 + days(1))
        let unsaved = stoplight.takeUnsaved()
        #expect(unsaved.map(\.subject) == [.resident(1)])
        #expect(unsaved.first?.state?.amberOrLowerSince == t0 + days(1))
        #expect(unsaved.first?.state?.level == .red)
    }

    @Test("given an amber resident by rule, when it has gone back to green, then its state is deleted: unsaved with nil")
    func backToQuietIsDeleted() throws {
        let rule = try TestPolicy.rule("kinderen", .amber, when: "minors() > 0")
        var scene = Scene()
        scene.resident(1, HouseholdFacts(reference: "R1", minors: 1))
        var stoplight = scene.stoplight(TestPolicy.make(rules: [rule]))
        _ = stoplight.evaluate(residents: [1], at: t0)
        #expect(stoplight.takeUnsaved().map(\.subject) == [.resident(1)])
        stoplight.casebook.register(resident: 1, facts: HouseholdFacts(reference: "R1", minors: 0))
        _ = stoplight.evaluate(residents: [1], at: t0 + days(1))
        _ = stoplight.takeUnsaved()
        let changes = stoplight.evaluate(at: t0 + days(15))
        #expect(changes.map(\.to) == [.green])
        let unsaved = stoplight.takeUnsaved()
        #expect(unsaved.map(\.subject) == [.resident(1)])
        #expect(unsaved.first.map { $0.state == nil } == true)
        #expect(stoplight.states.isEmpty)
    }

    @Test("given a red resident by rule, when it recovers, then recoveredAt is kept and aftercare thresholds make a score of 3 amber")
    func recoveryStartsAftercare() throws {
        let rule = try TestPolicy.rule("politie", .red, when: "count(veiligheid.politie, 7d) >= 1")
        var scene = Scene()
        scene.resident(1)
        scene.signal("veiligheid.politie", about: 1, at: t0)
        var stoplight = scene.stoplight(TestPolicy.make(rules: [rule]))
        _ = stoplight.evaluate(at: t0)
        #expect(stoplight.level(ofResident: 1) == .red)
        _ = stoplight.evaluate(at: t0 + days(7))
        _ = stoplight.evaluate(at: t0 + days(21) - 1)
        #expect(stoplight.level(ofResident: 1) == .red)
        _ = stoplight.evaluate(at: t0 + days(21))
        #expect(stoplight.level(ofResident: 1) == .green)
        #expect(stoplight.states[.resident(1)]?.recoveredAt == t0 + days(21))

        for id in 101...103 as ClosedRange<Int64> {
            stoplight.casebook.add(SignalFact(id: id, reference: "test:\(id)", type: "overlast.geluid", occurredAt: t0 + days(22)), resident: 1)
        }
        let changes = stoplight.evaluate(residents: [1], at: t0 + days(22))
        #expect(changes.map(\.to) == [.amber])
        #expect(stoplight.assessment(ofResident: 1, at: t0 + days(22))?.aftercare == .recovered(t0 + days(21)))
    }

    @Test("given households in a building, when evaluated, then the building's level change is reported with the residents'")
    func buildingFollows() {
        var scene = Scene()
        for id in 1...5 as ClosedRange<Int64> { scene.resident(id, HouseholdFacts(reference: "R\(id)", building: 10)) }
        scene.signals(8, "overlast.geluid", about: 1, at: t0)
        scene.signals(8, "overlast.geluid", about: 2, at: t0)
        var stoplight = scene.stoplight()
        let changes = stoplight.evaluate(at: t0)
        #expect(changes.map(\.subject) == [.resident(1), .resident(2), .building(10)])
        #expect(changes.map(\.from) == [.green, .green, nil])
        #expect(changes.map(\.to) == [.red, .red, .red])
        #expect(stoplight.takeUnsaved().map(\.subject) == [.building(10), .resident(1), .resident(2)])
    }
}
