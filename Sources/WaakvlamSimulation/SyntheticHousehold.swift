import WaakvlamCore

/// One simulated household: its record in `registry.csv`.
public struct SyntheticHousehold: Sendable, Hashable {
    /// The household reference, e.g. `H000001`.
    public var resident: String
    /// Index of its building in ``SyntheticNeighbourhood/buildings``.
    public var buildingIndex: Int
    /// The building reference, e.g. `B0001`.
    public var building: String
    /// The dwelling reference, e.g. `B0001-12`.
    public var unit: String
    /// The neighbourhood code of the building.
    public var neighbourhood: String
    /// Number of minor children.
    public var minors: Int
    /// Where the household came from.
    public var origin: Origin
    /// When the household moved in.
    public var movedIn: LocalDate
    /// When it moved out; the simulation keeps everyone housed, so always nil for now.
    public var movedOut: LocalDate?
    /// The support the household receives.
    public var support: SupportLevel
    /// When the support indication ends (aftercare starts), if known.
    public var supportUntil: LocalDate?

    /// Creates a registry record.
    public init(resident: String, buildingIndex: Int, building: String, unit: String, neighbourhood: String, minors: Int,
                origin: Origin, movedIn: LocalDate, movedOut: LocalDate? = nil, support: SupportLevel, supportUntil: LocalDate?) {
        self.resident = resident
        self.buildingIndex = buildingIndex
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

    /// Whether the household came from sheltered housing, the shelter system or a clinic.
    public var isFromInstitution: Bool {
        origin == .bw || origin == .mo || origin == .kliniek
    }
}
