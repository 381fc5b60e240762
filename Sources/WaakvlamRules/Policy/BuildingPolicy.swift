import WaakvlamCore

/// How a building's placement advice is decided from its households and its own signals.
public struct BuildingPolicy: Sendable, Equatable {
    /// Below this many known households a building gets no colour ("too few to say").
    public var minimumHouseholds: Int
    /// Nuisance is counted over this window.
    public var window: TimeSpan
    /// Share of households at amber or red.
    public var concernShare: Bounds
    /// Nuisance signals per dwelling within the window.
    public var nuisancePerDwelling: Bounds
    /// Share of households that came from BW, MO or a clinic.
    public var vulnerableShare: Bounds
    /// The origins that count as vulnerable arrivals.
    public var vulnerableOrigins: Set<Origin>
    /// Share of households that moved in within `turnoverWindow`.
    public var turnover: Bounds
    /// The window turnover is measured over.
    public var turnoverWindow: TimeSpan

    /// Creates a building policy.
    public init(minimumHouseholds: Int, window: TimeSpan, concernShare: Bounds, nuisancePerDwelling: Bounds, vulnerableShare: Bounds,
                vulnerableOrigins: Set<Origin>, turnover: Bounds, turnoverWindow: TimeSpan) {
        self.minimumHouseholds = minimumHouseholds
        self.window = window
        self.concernShare = concernShare
        self.nuisancePerDwelling = nuisancePerDwelling
        self.vulnerableShare = vulnerableShare
        self.vulnerableOrigins = vulnerableOrigins
        self.turnover = turnover
        self.turnoverWindow = turnoverWindow
    }

    /// Amber and red starting points of one building measure; a nil bound never fires.
    public struct Bounds: Sendable, Equatable {
        /// Amber from this value.
        public var amberAt: Double?
        /// Red from this value.
        public var redAt: Double?

        /// Creates bounds.
        public init(amberAt: Double?, redAt: Double?) {
            self.amberAt = amberAt
            self.redAt = redAt
        }

        /// The level a measured value reaches.
        public func level(for value: Double) -> Level {
            if let redAt, value >= redAt { return .red }
            if let amberAt, value >= amberAt { return .amber }
            return .green
        }
    }
}
