import WaakvlamCore

/// Score thresholds and how levels move over time.
public struct LevelPolicy: Sendable, Equatable {
    /// The score thresholds outside aftercare.
    public var thresholds: Thresholds
    /// A lower level must hold this long before the level goes down; going up is immediate.
    public var coolDown: TimeSpan
    /// How often the daemon re-evaluates as time passes; rule tests step through time the same way.
    public var evaluateEvery: TimeSpan

    /// Creates a level policy.
    public init(thresholds: Thresholds, coolDown: TimeSpan, evaluateEvery: TimeSpan) {
        self.thresholds = thresholds
        self.coolDown = coolDown
        self.evaluateEvery = evaluateEvery
    }
}

/// The scores at which amber and red begin.
public struct Thresholds: Sendable, Equatable {
    /// Amber from this score.
    public var amberAt: Double
    /// Red from this score.
    public var redAt: Double

    /// Creates thresholds; `redAt` is expected to be at least `amberAt`.
    public init(amberAt: Double, redAt: Double) {
        self.amberAt = amberAt
        self.redAt = redAt
    }

    /// The level a score reaches on its own.
    public func level(for score: Double) -> Level {
        if score >= redAt { return .red }
        if score >= amberAt { return .amber }
        return .green
    }
}
