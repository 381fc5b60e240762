import WaakvlamCore

/// One household in a digest: a notice, with its reasons in plain words.
///
/// Households are named by their reference only; notes never reach a digest.
public struct DigestEntry: Sendable, Equatable {
    /// The notice this entry comes from (what `ack` takes).
    public var noticeID: Int64
    /// The household reference.
    public var household: String
    /// When the notice was raised.
    public var at: Int64
    /// The level before (nil: none yet).
    public var from: Level?
    /// The level after.
    public var to: Level?
    /// The score at the change.
    public var score: Double
    /// Why, as the Dutch descriptions of the rules that fired (the rule name when it has none).
    public var reasons: [String]
    /// The contributing signals, as the descriptions of their types, each once.
    public var signals: [String]
    /// The local day by which it should be picked up, if a deadline was set.
    public var deadline: LocalDate?
    /// The rung of the escalation ladder (0: the first owner).
    public var rung: Int

    /// Creates an entry.
    public init(noticeID: Int64, household: String, at: Int64, from: Level?, to: Level?, score: Double,
                reasons: [String], signals: [String], deadline: LocalDate?, rung: Int) {
        self.noticeID = noticeID
        self.household = household
        self.at = at
        self.from = from
        self.to = to
        self.score = score
        self.reasons = reasons
        self.signals = signals
        self.deadline = deadline
        self.rung = rung
    }
}
