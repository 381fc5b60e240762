/// How notices are owned and followed up: deadlines in working days and the escalation ladder.
public struct EscalationSettings: Sendable, Equatable {
    /// Working days to acknowledge an escalation to amber.
    public var amberDeadline: Int
    /// Working days to acknowledge an escalation to red (a threatening situation: 3 in practice).
    public var redDeadline: Int
    /// The rungs an unacknowledged notice climbs, from the first owner up (Zwolle's ladder).
    public var ladder: [String]
    /// The longest a notice may be snoozed.
    public var maxSnooze: TimeSpan
    /// The channel feedback to reporters goes to (the corporation's complaints desk).
    public var feedbackRoute: String
    /// How feedback notices name the reporter.
    public var feedbackReporters: FeedbackReporters

    /// The shipped defaults.
    public static let defaults = EscalationSettings(amberDeadline: 10, redDeadline: 3, ladder: ["outreach worker", "team lead", "regietafel"],
                                                    maxSnooze: .days(28), feedbackRoute: "meldpunt")

    /// Creates escalation settings.
    public init(amberDeadline: Int, redDeadline: Int, ladder: [String], maxSnooze: TimeSpan = .days(28), feedbackRoute: String = "meldpunt",
                feedbackReporters: FeedbackReporters = .pseudonym) {
        self.amberDeadline = amberDeadline
        self.redDeadline = redDeadline
        self.ladder = ladder
        self.maxSnooze = maxSnooze
        self.feedbackRoute = feedbackRoute
        self.feedbackReporters = feedbackReporters
    }

    /// The working days to acknowledge a notice that raised a subject to `level`; nil for green.
    public func deadline(for level: Level) -> Int? {
        switch level {
        case .green: nil
        case .amber: amberDeadline
        case .red: redDeadline
        }
    }
}
