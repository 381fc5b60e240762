/// One household: its registry facts and its signals, oldest first.
public struct ResidentCase: Sendable {
    /// The store's resident id.
    public var id: Int64
    /// Registry facts.
    public var facts: HouseholdFacts
    /// Signals about the household, sorted by `occurredAt`.
    public private(set) var signals: [SignalFact]

    /// Creates a case; `signals` need not be sorted.
    public init(id: Int64, facts: HouseholdFacts, signals: [SignalFact] = []) {
        self.id = id
        self.facts = facts
        self.signals = signals.sorted(by: SignalFact.precedes)
    }

    /// Adds a signal in time order: a binary search, and an append when it is the newest.
    public mutating func add(_ signal: SignalFact) { signals.insertInOrder(signal) }

    /// Adds many signals at once, in any order: one sort, O(n + k log k) for k signals.
    public mutating func add(contentsOf new: [SignalFact]) { signals.mergeInOrder(new) }

    /// Sets the repeat mark of a signal held (an arrears report re-decided after a late row);
    /// returns whether it was held.
    public mutating func setRepeat(_ isRepeat: Bool, signal id: Int64, occurredAt: Int64) -> Bool {
        signals.setRepeat(isRepeat, id: id, occurredAt: occurredAt)
    }

    /// Drops signals that happened before `moment`: they can no longer count for anything.
    public mutating func forget(before moment: Int64) {
        if let first = signals.first, first.occurredAt < moment {
            signals.removeAll { $0.occurredAt < moment }
        }
    }
}
