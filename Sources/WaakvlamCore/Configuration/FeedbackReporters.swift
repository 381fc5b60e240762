/// How a feedback notice (after an acknowledgement) names the reporter it goes to
/// (`escalation.feedback_reporters`).
public enum FeedbackReporters: String, Sendable, Equatable, CaseIterable {
    /// By keyed pseudonym (`p-…`, the key in `pseudonym.key`): the notice log then does not say
    /// which neighbour complained about whom. The default.
    case pseudonym
    /// By the reporter reference the feed sent, for a complaints desk that needs it to reach them.
    case id
}
