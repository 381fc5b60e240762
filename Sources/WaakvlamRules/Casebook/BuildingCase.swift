/// One building: its registration, its households and its own (building-only) signals.
public struct BuildingCase: Sendable {
    /// The store's building id.
    public var id: Int64
    /// The corporation's building reference.
    public var reference: String
    /// Number of dwellings, when registered.
    public var units: Int?
    /// The neighbourhood code, when known.
    public var neighbourhood: String?
    /// Households registered at the building (whether or not they still live there).
    public var households: Set<Int64>
    /// Signals about the building itself, oldest first.
    public var signals: [SignalFact]

    /// Creates a building case.
    public init(id: Int64, reference: String, units: Int? = nil, neighbourhood: String? = nil, households: Set<Int64> = [], signals: [SignalFact] = []) {
        self.id = id
        self.reference = reference
        self.units = units
        self.neighbourhood = neighbourhood
        self.households = households
        self.signals = signals.sorted { ($0.occurredAt, $0.id) < ($1.occurredAt, $1.id) }
    }
}
