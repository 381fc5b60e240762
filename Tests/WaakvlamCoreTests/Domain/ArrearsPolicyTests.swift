import Testing
@testable import WaakvlamCore

@Suite("ArrearsPolicy")
struct ArrearsPolicyTests {
    let policy = ArrearsPolicy(repeatWindow: .days(90), closedBy: ["positief.achterstand_voldaan"])
    let earlier: Int64 = 1_790_000_000
    let day: Int64 = 86_400

    func previous(amount: Int64?, closed: Bool = false) -> ArrearsPolicy.PreviousReport {
        ArrearsPolicy.PreviousReport(occurredAt: earlier, amountCents: amount, closedSince: closed)
    }

    @Test("a first report is never a repeat")
    func firstReport() {
        #expect(!policy.isRepeat(occurredAt: earlier, amountCents: 50_000, previous: nil))
        #expect(!policy.isRepeat(occurredAt: earlier, amountCents: nil, previous: nil))
    }

    @Test("the same or a lower amount within the window is a repeat (herhaalde melding)", arguments: [Int64(50_000), 49_999, 0])
    func sameOrLowerAmountRepeats(amount: Int64) {
        #expect(policy.isRepeat(occurredAt: earlier + 30 * day, amountCents: amount, previous: previous(amount: 50_000)))
    }

    @Test("a grown amount is news, even by one cent")
    func grownAmountIsNews() {
        #expect(!policy.isRepeat(occurredAt: earlier + 30 * day, amountCents: 50_001, previous: previous(amount: 50_000)))
    }

    @Test("the window is inclusive: exactly at its end still a repeat, one second later a new episode")
    func windowBoundary() {
        let window = policy.repeatWindow.seconds
        #expect(policy.isRepeat(occurredAt: earlier + window, amountCents: 50_000, previous: previous(amount: 50_000)))
        #expect(!policy.isRepeat(occurredAt: earlier + window + 1, amountCents: 50_000, previous: previous(amount: 50_000)))
    }

    @Test("a closing signal since the previous report starts a new episode")
    func closedEpisode() {
        #expect(!policy.isRepeat(occurredAt: earlier + day, amountCents: 10_000, previous: previous(amount: 50_000, closed: true)))
        #expect(!policy.isRepeat(occurredAt: earlier + day, amountCents: nil, previous: previous(amount: nil, closed: true)))
    }

    @Test("a report without an amount says nothing new after one with or without an amount")
    func withoutAmount() {
        #expect(policy.isRepeat(occurredAt: earlier + day, amountCents: nil, previous: previous(amount: 50_000)))
        #expect(policy.isRepeat(occurredAt: earlier + day, amountCents: nil, previous: previous(amount: nil)))
    }

    @Test("the first amount after reports without one is news")
    func firstAmountIsNews() {
        #expect(!policy.isRepeat(occurredAt: earlier + day, amountCents: 100, previous: previous(amount: nil)))
    }

    @Test("outside the window even a report without an amount is a new episode")
    func outsideWindowWithoutAmount() {
        #expect(!policy.isRepeat(occurredAt: earlier + 91 * day, amountCents: nil, previous: previous(amount: 50_000)))
    }
}
