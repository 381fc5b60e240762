import Testing
import WaakvlamCore
@testable import WaakvlamRules

/// A household's history stays sorted and free of doubles however its signals arrive.
@Suite struct ResidentCaseTests {
    func fact(_ id: Int64, at moment: Int64) -> SignalFact {
        SignalFact(id: id, reference: "test:\(id)", type: "overlast.geluid", occurredAt: moment)
    }

    func facts(seed: UInt64, count: Int) -> [SignalFact] {
        var state = seed
        return (1...Int64(count)).map { id in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return fact(id, at: Int64(state >> 44))
        }
    }

    func isSorted(_ signals: [SignalFact]) -> Bool {
        zip(signals, signals.dropFirst()).allSatisfy { ($0.occurredAt, $0.id) < ($1.occurredAt, $1.id) }
    }

    @Test func givenSignalsOneByOneInRandomOrder_thenTheHistoryIsSortedAndAnAgainAddedSignalIsKeptOnce() {
        var resident = ResidentCase(id: 1, facts: HouseholdFacts(reference: "H1"))
        let all = facts(seed: 3, count: 2_000)
        for signal in all { resident.add(signal) }
        for signal in all.prefix(100) { resident.add(signal) }
        #expect(resident.signals.count == all.count)
        #expect(isSorted(resident.signals))
    }

    @Test func givenABatchInRandomOrderOverlappingTheHistory_whenAddedAtOnce_thenTheResultIsTheSameAsOneByOne() {
        let all = facts(seed: 5, count: 3_000)
        var oneByOne = ResidentCase(id: 1, facts: HouseholdFacts(reference: "H1"))
        for signal in all { oneByOne.add(signal) }
        var batched = ResidentCase(id: 1, facts: HouseholdFacts(reference: "H1"), signals: Array(all.prefix(1_000)))
        batched.add(contentsOf: Array(all[500...]))
        #expect(batched.signals == oneByOne.signals)
    }

    @Test func givenAReDecidedMark_whenSet_thenTheHeldSignalCarriesIt_andAnUnknownOneIsReported() {
        var resident = ResidentCase(id: 1, facts: HouseholdFacts(reference: "H1"), signals: facts(seed: 7, count: 50))
        let target = resident.signals[20]
        let held = resident.setRepeat(true, signal: target.id, occurredAt: target.occurredAt)
        let unknown = resident.setRepeat(true, signal: 999, occurredAt: target.occurredAt)
        #expect(held)
        #expect(resident.signals[20].isRepeat)
        #expect(!unknown)
    }
}
