/// Two neighbouring households that report each other: a matter for mediation, not escalation.
struct FeudPair: Sendable {
    /// The household that started complaining.
    let first: Int
    /// The household it complains about, which complains back.
    let second: Int
    /// The months (0 is the first of the period) in which the feud runs.
    let months: Range<Int>
}
