/// What a notice tells its owner.
public enum NoticeKind: String, Sendable, Codable, CaseIterable {
    /// A household went up: a conversation is asked for.
    case escalation
    /// A household went down: the concern eased.
    case deEscalation = "de-escalation"
    /// A notice passed its deadline unacknowledged and climbs a rung.
    case overdue
    /// An aftercare check-in is due.
    case reminder
    /// A building's placement advice changed.
    case building
    /// To the reporters' channel: a complaint is being followed up (nothing about the resident).
    case feedback
    /// To a team, once per rule change: the levels in its area the new rules changed, summed
    /// up instead of one notice each (see ``NoticeMaker/ruleChangeSummaries(for:in:at:)``).
    case ruleChange = "rule-change"
}
