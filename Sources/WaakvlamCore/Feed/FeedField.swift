/// A column or key a feed may carry; the names are the contract in docs/contract.md.
public enum FeedField: Int, Sendable, CaseIterable {
    case source, id, type, occurredAt, resident, building, unit, reporter, amount, daysOverdue, note
    case neighbourhood, minors, origin, movedIn, movedOut, support, supportUntil, units, name

    /// The name as it appears in a CSV header or a JSON key.
    public var name: String {
        switch self {
        case .source: "source"
        case .id: "id"
        case .type: "type"
        case .occurredAt: "occurred_at"
        case .resident: "resident"
        case .building: "building"
        case .unit: "unit"
        case .reporter: "reporter"
        case .amount: "amount"
        case .daysOverdue: "days_overdue"
        case .note: "note"
        case .neighbourhood: "neighbourhood"
        case .minors: "minors"
        case .origin: "origin"
        case .movedIn: "moved_in"
        case .movedOut: "moved_out"
        case .support: "support"
        case .supportUntil: "support_until"
        case .units: "units"
        case .name: "name"
        }
    }

    private static let byName: [String: FeedField] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// The field called `name`, or nil when the contract has no such field.
    public init?(name: String) {
        guard let field = Self.byName[name] else { return nil }
        self = field
    }

    /// Fields only a signal carries: one of them with a value makes a record a signal.
    static let signalOnly: [FeedField] = [.source, .id, .type, .occurredAt, .reporter, .amount, .daysOverdue, .note]
}
