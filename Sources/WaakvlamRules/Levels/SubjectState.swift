import WaakvlamCore

/// What the engine remembers about a subject between evaluations. Stored, so a restart continues exactly.
public struct SubjectState: Sendable, Equatable {
    /// The level shown; nil for a building with too few households to say.
    public var level: Level?
    /// When the level was reached.
    public var since: Int64
    /// The score at the last evaluation.
    public var score: Double
    /// Rules that fired at the last evaluation.
    public var rules: [String]
    /// Since when the score and rules have asked for amber or lower without a break (nil: they ask for red).
    public var amberOrLowerSince: Int64?
    /// Since when they have asked for green without a break.
    public var greenSince: Int64?
    /// The highest level since the subject was last green.
    public var peak: Level
    /// When the subject last went back to green after red (starts aftercare).
    public var recoveredAt: Int64?
    /// When each holding rule's condition began to hold, for `for:` durations.
    public var ruleSince: [String: Int64]
    /// The moment of the last evaluation.
    public var evaluatedAt: Int64

    /// Creates a state.
    public init(level: Level?, since: Int64, score: Double = 0, rules: [String] = [], amberOrLowerSince: Int64? = nil, greenSince: Int64? = nil,
                peak: Level = .green, recoveredAt: Int64? = nil, ruleSince: [String: Int64] = [:], evaluatedAt: Int64) {
        self.level = level
        self.since = since
        self.score = score
        self.rules = rules
        self.amberOrLowerSince = amberOrLowerSince
        self.greenSince = greenSince
        self.peak = peak
        self.recoveredAt = recoveredAt
        self.ruleSince = ruleSince
        self.evaluatedAt = evaluatedAt
    }

    /// A resident never seen before: green, nothing pending.
    public static func green(at moment: Int64) -> SubjectState {
        SubjectState(level: .green, since: moment, greenSince: moment, evaluatedAt: moment)
    }

    /// A building never seen before: no colour yet.
    public static func unknown(at moment: Int64) -> SubjectState {
        SubjectState(level: nil, since: moment, evaluatedAt: moment)
    }

    /// Whether the state says nothing beyond "green, nothing pending": such states need not be stored.
    /// (When green, the calm clocks mean nothing: they only matter above green.)
    public var isQuiet: Bool {
        level == .green && peak == .green && recoveredAt == nil && ruleSince.isEmpty && rules.isEmpty
    }

    /// Whether two states remember the same things; the score and evaluation moment are recomputed anyway.
    public func remembersTheSame(as other: SubjectState) -> Bool {
        level == other.level && since == other.since && rules == other.rules && amberOrLowerSince == other.amberOrLowerSince
            && greenSince == other.greenSince && peak == other.peak && recoveredAt == other.recoveredAt && ruleSince == other.ruleSince
    }

    /// When the level will go down if nothing changes, for explanations.
    public func lowersAt(coolDown: TimeSpan) -> (level: Level, at: Int64)? {
        guard let level, level > .green else { return nil }
        if let greenSince { return (.green, greenSince + coolDown.seconds) }
        if level == .red, let amberOrLowerSince { return (.amber, amberOrLowerSince + coolDown.seconds) }
        return nil
    }
}
