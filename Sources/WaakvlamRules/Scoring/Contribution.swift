/// What one signal adds to a resident's score now, and why it adds that much.
public struct Contribution: Sendable, Equatable {
    /// The signal.
    public var signal: SignalFact
    /// The life-domain it touches.
    public var domain: String
    /// Its weight when fresh.
    public var weight: Double
    /// Its weight after fading, before caps and exclusions.
    public var faded: Double
    /// What it adds to the score.
    public var counted: Double
    /// Why `counted` differs from `faded`, if it does.
    public var adjustment: Adjustment?

    /// Why a signal counts for less than its faded weight.
    public enum Adjustment: String, Sendable, Equatable {
        /// A repeated arrears report whose amount did not grow.
        case repeatReport = "repeat"
        /// Part of one reporter's reports beyond the per-reporter cap.
        case reporterCap = "reporter_cap"
        /// A complaint within a feud between two households: mediation, not escalation.
        case feud
        /// An arrears episode closed by a later closing signal.
        case closed
    }
}
