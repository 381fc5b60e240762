/// What a rule set did in one week for one team during a back-test.
public struct ReplayTally: Sendable, Equatable, Encodable {
    /// Residents that went from green to amber (or higher).
    public var amber: Int = 0
    /// Residents that went to red.
    public var red: Int = 0
    /// Level changes that would have become notices: residents and buildings, up and down.
    public var notices: Int = 0

    /// An empty tally.
    public init() {}

    /// Counts one change.
    public mutating func count(_ change: LevelChange) {
        notices += 1
        guard case .resident = change.subject, let to = change.to else { return }
        let from = change.from ?? .green
        if to == .red, from < .red { red += 1 }
        if to >= .amber, from == .green { amber += 1 }
    }

    /// Adds another tally.
    public mutating func add(_ other: ReplayTally) {
        amber += other.amber
        red += other.red
        notices += other.notices
    }
}
