/// One valid record from a feed: a signal, a registry entry or a building.
public enum FeedRecord: Sendable, Equatable {
    /// A signal about a resident or a building.
    case signal(SignalRecord)
    /// Who lives where (an upsert).
    case registry(RegistryRecord)
    /// A building's facts (an upsert).
    case building(BuildingRecord)
}

/// A validated signal, ready to store.
public struct SignalRecord: Sendable, Equatable {
    /// The sending system.
    public var source: String
    /// The id unique within `source`.
    public var id: String
    /// The signal type code, known to the rules.
    public var type: String
    /// The family of that type.
    public var family: SignalFamily
    /// When it happened, seconds since the epoch.
    public var occurredAt: Int64
    /// Whether the feed gave only a date.
    public var dateOnly: Bool
    /// The household reference, if any.
    public var resident: String?
    /// The building reference, if any.
    public var building: String?
    /// The dwelling reference.
    public var unit: String?
    /// The pseudonymous reporter.
    public var reporter: String?
    /// The amount in cents (arrears).
    public var amountCents: Int64?
    /// Whole days overdue (arrears).
    public var daysOverdue: Int?
    /// A short note; never logged.
    public var note: String?

    /// Creates a signal record.
    public init(source: String, id: String, type: String, family: SignalFamily, occurredAt: Int64, dateOnly: Bool,
                resident: String? = nil, building: String? = nil, unit: String? = nil, reporter: String? = nil,
                amountCents: Int64? = nil, daysOverdue: Int? = nil, note: String? = nil) {
        self.source = source
        self.id = id
        self.type = type
        self.family = family
        self.occurredAt = occurredAt
        self.dateOnly = dateOnly
        self.resident = resident
        self.building = building
        self.unit = unit
        self.reporter = reporter
        self.amountCents = amountCents
        self.daysOverdue = daysOverdue
        self.note = note
    }
}

/// A validated registry entry: where a household lives and the facts about it.
public struct RegistryRecord: Sendable, Equatable {
    /// The household reference.
    public var resident: String
    /// The building reference.
    public var building: String
    /// The dwelling reference.
    public var unit: String?
    /// The neighbourhood code.
    public var neighbourhood: String?
    /// Number of minor children.
    public var minors: Int?
    /// Where the household came from.
    public var origin: Origin?
    /// Move-in date.
    public var movedIn: LocalDate?
    /// Move-out date.
    public var movedOut: LocalDate?
    /// Current support.
    public var support: SupportLevel?
    /// The date the support indication ends.
    public var supportUntil: LocalDate?

    /// Creates a registry record.
    public init(resident: String, building: String, unit: String? = nil, neighbourhood: String? = nil, minors: Int? = nil,
                origin: Origin? = nil, movedIn: LocalDate? = nil, movedOut: LocalDate? = nil,
                support: SupportLevel? = nil, supportUntil: LocalDate? = nil) {
        self.resident = resident
        self.building = building
        self.unit = unit
        self.neighbourhood = neighbourhood
        self.minors = minors
        self.origin = origin
        self.movedIn = movedIn
        self.movedOut = movedOut
        self.support = support
        self.supportUntil = supportUntil
    }
}

/// A validated building record.
public struct BuildingRecord: Sendable, Equatable {
    /// The building reference.
    public var building: String
    /// Number of dwellings.
    public var units: Int?
    /// The neighbourhood code.
    public var neighbourhood: String?
    /// The complex's name.
    public var name: String?

    /// Creates a building record.
    public init(building: String, units: Int? = nil, neighbourhood: String? = nil, name: String? = nil) {
        self.building = building
        self.units = units
        self.neighbourhood = neighbourhood
        self.name = name
    }
}
