import WaakvlamCore

/// What the registry says about a household, as the engine needs it. Dates are seconds since the epoch.
public struct HouseholdFacts: Sendable, Equatable {
    /// The corporation's household reference.
    public var reference: String
    /// The building the household lives in, when known.
    public var building: Int64?
    /// The neighbourhood code, when known.
    public var neighbourhood: String?
    /// Number of minor children.
    public var minors: Int?
    /// Where the household came from.
    public var origin: Origin?
    /// The support the household receives.
    public var support: SupportLevel?
    /// When the support indication ends; aftercare starts then.
    public var supportUntil: Int64?
    /// When the household moved in.
    public var movedIn: Int64?
    /// When the household moved out.
    public var movedOut: Int64?

    /// Creates household facts.
    public init(reference: String, building: Int64? = nil, neighbourhood: String? = nil, minors: Int? = nil, origin: Origin? = nil,
                support: SupportLevel? = nil, supportUntil: Int64? = nil, movedIn: Int64? = nil, movedOut: Int64? = nil) {
        self.reference = reference
        self.building = building
        self.neighbourhood = neighbourhood
        self.minors = minors
        self.origin = origin
        self.support = support
        self.supportUntil = supportUntil
        self.movedIn = movedIn
        self.movedOut = movedOut
    }

    /// Whether the household lives at its address at `moment`.
    public func livesThere(at moment: Int64) -> Bool {
        if let movedIn, movedIn > moment { return false }
        if let movedOut, movedOut <= moment { return false }
        return true
    }
}
