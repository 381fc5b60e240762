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
        self.signals = signals.sorted { ($0.occurredAt, $0.id) < ($1.occurredAt, $1.id) }
    }

    /// Adds a signal in time order (feeds arrive mostly in order, so this is usually an append).
    public mutating func add(_ signal: SignalFact) {
        if signals.contains(where: { $0.id == signal.id }) { return }
        var index = signals.endIndex
        while index > signals.startIndex, (signals[index - 1].occurredAt, signals[index - 1].id) > (signal.occurredAt, signal.id) {
            index -= 1
        }
        signals.insert(signal, at: index)
    }

    /// Drops signals that happened before `moment`: they can no longer count for anything.
    public mutating func forget(before moment: Int64) {
        if let first = signals.first, first.occurredAt < moment {
            signals.removeAll { $0.occurredAt < moment }
        }
    }
}
