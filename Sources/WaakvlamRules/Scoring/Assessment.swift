import WaakvlamCore

/// A resident's situation at one moment, before hysteresis: the score and every reason behind it.
public struct Assessment: Sendable {
    /// The moment assessed.
    public var moment: Int64
    /// The score: concern times the multi-domain factor, lowered by positive signals, never below zero.
    public var score: Double
    /// The sum of concern over all domains before the multi-domain factor.
    public var concern: Double
    /// The multi-domain factor applied to concern.
    public var multiplier: Double
    /// What positive signals took off.
    public var relief: Double
    /// Active life-domains, sorted.
    public var activeDomains: [String]
    /// Every signal within the horizon with what it adds.
    public var contributions: [Contribution]
    /// Households this one is in a feud with (by reference).
    public var feudWith: [String]
    /// Why aftercare applies, or nil.
    public var aftercare: AftercareReason?
    /// The thresholds that applied.
    public var thresholds: Thresholds
    /// The level the score reaches on its own.
    public var scoreLevel: Level
    /// Rules whose condition holds now, whether or not their `for:` has passed.
    public var holding: [String]
    /// Rules that fire now (condition holds, long enough).
    public var fired: [FiredRule]
    /// The level the score and the rules ask for now.
    public var level: Level {
        fired.reduce(scoreLevel) { max($0, $1.level) }
    }
}

/// A rule that fired, with the values that made it fire.
public struct FiredRule: Sendable, Equatable {
    /// The rule's name.
    public var name: String
    /// The level it sets.
    public var level: Level
}

/// Why a resident is in aftercare.
public enum AftercareReason: Sendable, Equatable, CustomStringConvertible {
    /// Support ended on this moment.
    case supportEnded(Int64)
    /// Moved in from this origin on this moment.
    case arrived(Origin, Int64)
    /// Went back to green after red on this moment.
    case recovered(Int64)

    /// The reason in words.
    public var description: String {
        switch self {
        case .supportEnded: "support ended"
        case .arrived(let origin, _): "moved in from \(origin.rawValue)"
        case .recovered: "back to green after red"
        }
    }

    /// When the reason began.
    public var start: Int64 {
        switch self {
        case .supportEnded(let moment), .arrived(_, let moment), .recovered(let moment): moment
        }
    }
}
