import WaakvlamCore

/// Why a resident or building shows its level: what `explain` prints and `explain --json` gives.
/// Field names are the JSON contract (snake_case on output).
public struct Explanation: Sendable, Codable {
    /// `resident` or `building`, with the corporation's reference.
    public var subject: SubjectReference
    /// `green`, `amber`, `red`, or `unknown` for a building with too few households.
    public var level: String
    /// The score (a building's: its share of households at amber or red).
    public var score: Double
    /// When the level was reached.
    public var since: String
    /// The moment explained.
    public var at: String
    /// The thresholds that apply (residents).
    public var thresholds: ThresholdFigures?
    /// Why aftercare applies, if it does.
    public var aftercare: String?
    /// Active life-domains and the multi-domain factor (residents).
    public var activeDomains: [String]
    /// The multi-domain factor applied to concern.
    public var multiplier: Double?
    /// Households this one is in a feud with: complaints between them are for mediation.
    public var feudWith: [String]
    /// The signals within reach with what they add now: all of them, or when there are more than
    /// ``Explainer/contributionLimit``, the ones that add most (in date order, as the rest).
    public var contributions: [ContributionFigures]
    /// Contributions within reach not listed (beyond ``Explainer/contributionLimit``).
    public var contributionsOmitted: Int
    /// What the contributions not listed add to the score together.
    public var contributionsOmittedCounted: Double
    /// Rules that fired, with the values behind them.
    public var rules: [RuleFigures]
    /// Rules whose condition holds but whose `for:` has not passed yet.
    public var waiting: [RuleFigures]
    /// A building's measures.
    public var measures: [MeasureFigures]
    /// A building's household count.
    public var households: Int?
    /// What would bring the level down, in words.
    public var wouldLower: [String]

    /// A subject as users name it.
    public struct SubjectReference: Sendable, Codable {
        /// `resident` or `building`.
        public var type: String
        /// The corporation's reference.
        public var id: String
    }

    /// Amber and red thresholds.
    public struct ThresholdFigures: Sendable, Codable {
        /// Amber from.
        public var amberAt: Double
        /// Red from.
        public var redAt: Double
    }

    /// One signal's contribution.
    public struct ContributionFigures: Sendable, Codable {
        /// `source:id`.
        public var signal: String
        /// The type code.
        public var type: String
        /// The life-domain.
        public var domain: String
        /// The local date it occurred.
        public var occurredAt: String
        /// Weight when fresh.
        public var weight: Double
        /// Weight after fading.
        public var faded: Double
        /// What it adds to the score.
        public var counted: Double
        /// Why it adds less: `repeat`, `reporter_cap`, `feud`, `closed`.
        public var adjustment: String?
    }

    /// A rule with the values of the functions in its condition.
    public struct RuleFigures: Sendable, Codable {
        /// The rule's name.
        public var name: String
        /// The level it sets.
        public var level: String
        /// Its condition.
        public var condition: String
        /// Its description.
        public var description: String
        /// Each function call with its value now.
        public var values: [String: String]
    }

    /// A building measure.
    public struct MeasureFigures: Sendable, Codable {
        /// What is measured.
        public var measure: String
        /// Its value.
        public var value: Double
        /// The level it reaches.
        public var level: String
    }
}
