import Testing
import WaakvlamCore
import WaakvlamRules

@Suite("Levels: hysteresis")
struct HysteresisTests {
    let hysteresis = Hysteresis(coolDown: .days(14))

    /// Steps through `(moment, wanted)` pairs from `state`; returns the final state and every change as (moment, from, to).
    func run(_ state: SubjectState, _ steps: [(Int64, Level?)]) -> (state: SubjectState, changes: [(Int64, Level?, Level?)]) {
        var state = state
        var changes: [(Int64, Level?, Level?)] = []
        for (moment, wanted) in steps {
            let (next, changedFrom) = hysteresis.step(state, wanted: wanted, at: moment)
            if let from = changedFrom { changes.append((moment, from, next.level)) }
            state = next
        }
        return (state, changes)
    }

    /// A resident that went red at t0.
    func red() -> SubjectState { run(.green(at: t0), [(t0, .red)]).state }

    @Test("given a green resident, when red is asked for, then it is red at once, with since and peak set")
    func upImmediately() {
        let (next, changedFrom) = hysteresis.step(.green(at: t0), wanted: .red, at: t0 + 60)
        #expect(next.level == .red)
        #expect(next.since == t0 + 60)
        #expect(next.peak == .red)
        #expect(changedFrom == .some(.green))
    }

    @Test("given an amber resident that asks for green from day 1, when evaluated, then it stays amber until exactly day 15, not one second before")
    func downAfterCoolDown() {
        let amber = run(.green(at: t0), [(t0, .amber)]).state
        let start = t0 + days(1)
        let before = run(amber, [(start, .green), (start + days(14) - 1, .green)])
        #expect(before.state.level == .amber)
        #expect(before.state.greenSince == start)
        let at = run(amber, [(start, .green), (start + days(14), .green)])
        #expect(at.state.level == .green)
        #expect(at.state.since == start + days(14))
        #expect(at.changes.count == 1)
    }

    @Test("given a red resident that asks for amber, when the cool-down has passed, then it goes to amber, not green")
    func redToAmber() {
        let start = t0 + days(2)
        let result = run(red(), [(start, .amber), (start + days(14) - 1, .amber), (start + days(14), .amber)])
        #expect(result.state.level == .amber)
        #expect(result.changes.map(\.0) == [start + days(14)])
        #expect(result.state.peak == .red)
        #expect(result.state.recoveredAt == nil)
    }

    @Test("given a red resident that asks for green, when green has held for the cool-down, then it goes straight to green")
    func redToGreenDirectly() {
        let start = t0 + days(2)
        let result = run(red(), [(start, .green), (start + days(7), .green), (start + days(14), .green)])
        #expect(result.changes.count == 1)
        #expect(result.changes.first?.1 == .red)
        #expect(result.changes.first?.2 == .green)
    }

    @Test("given a red resident asking amber then green, when the cool-down passes, then it goes to amber first and to green when green has held 14 days")
    func redToAmberThenGreen() {
        let start = t0 + days(2)
        let result = run(red(), [(start, .amber), (start + days(7), .green), (start + days(14), .green), (start + days(21) - 1, .green), (start + days(21), .green)])
        #expect(result.changes.map(\.0) == [start + days(14), start + days(21)])
        #expect(result.changes.map(\.2) == [.amber, .green])
    }

    @Test("given a red resident calming down, when it asks for red again once, then the calm clocks restart from the next calm moment")
    func blipResets() {
        let start = t0 + days(2)
        let blip = start + days(10)
        let calm = start + days(11)
        let result = run(red(), [(start, .green), (blip, .red), (calm, .green), (start + days(14), .green)])
        #expect(result.state.level == .red)
        #expect(result.state.greenSince == calm)
        #expect(result.state.amberOrLowerSince == calm)
        let later = run(result.state, [(calm + days(14) - 1, .green), (calm + days(14), .green)])
        #expect(later.changes.map(\.0) == [calm + days(14)])
    }

    @Test("given an amber resident calming down, when it asks for amber again once, then green must hold 14 days from the next green moment")
    func amberBlipResetsGreenClock() {
        let amber = run(.green(at: t0), [(t0, .amber)]).state
        let start = t0 + days(1)
        let result = run(amber, [(start, .green), (start + days(5), .amber), (start + days(6), .green), (start + days(14), .green)])
        #expect(result.state.level == .amber)
        #expect(result.state.greenSince == start + days(6))
    }

    @Test("given a red resident, when it goes back to green, then recoveredAt is that moment and the peak is green again")
    func recoveredAt() {
        let start = t0 + days(2)
        let result = run(red(), [(start, .green), (start + days(14), .green)])
        #expect(result.state.level == .green)
        #expect(result.state.recoveredAt == start + days(14))
        #expect(result.state.peak == .green)
    }

    @Test("given a resident that was amber but never red, when it goes back to green, then it has not recovered from red")
    func amberIsNoRecovery() {
        let result = run(.green(at: t0), [(t0, .amber), (t0 + days(1), .green), (t0 + days(15), .green)])
        #expect(result.state.level == .green)
        #expect(result.state.recoveredAt == nil)
        #expect(result.state.isQuiet)
    }

    @Test("given a red resident that went via amber to green, when it reaches green, then it still counts as recovered from red")
    func recoveredViaAmber() {
        let start = t0 + days(2)
        let result = run(red(), [(start, .amber), (start + days(14), .amber), (start + days(15), .green), (start + days(29), .green)])
        #expect(result.state.level == .green)
        #expect(result.state.recoveredAt == start + days(29))
    }

    @Test("given a building with no colour, when red is asked for and later nothing, then both moves are immediate")
    func unknownIsImmediate() {
        let result = run(.unknown(at: t0), [(t0 + 1, .red), (t0 + 2, nil)])
        #expect(result.changes.count == 2)
        #expect(result.changes.map(\.1) == [nil, .red])
        #expect(result.changes.map(\.2) == [.red, nil])
        #expect(result.state.level == nil)
        #expect(result.state.since == t0 + 2)
        #expect(result.state.greenSince == nil && result.state.amberOrLowerSince == nil)
    }

    @Test("given a building with no colour, when it still has too few households, then nothing changes")
    func unknownStaysUnknown() {
        let (next, changedFrom) = hysteresis.step(.unknown(at: t0), wanted: nil, at: t0 + days(1))
        #expect(next.level == nil)
        #expect(changedFrom == nil)
        #expect(next.evaluatedAt == t0 + days(1))
    }
}
