import WaakvlamCore

/// A level that changed, with the reasons: what notices (issue 4) and back-tests are made of.
public struct LevelChange: Sendable, Equatable {
    /// Whose level changed.
    public var subject: Subject
    /// When.
    public var at: Int64
    /// The level before; nil for "too few to say".
    public var from: Level?
    /// The level after; nil for "too few to say".
    public var to: Level?
    /// The score at the change.
    public var score: Double
    /// Rules that fired at the change.
    public var rules: [String]
    /// Contributing signals as `source:id`, largest contribution first.
    public var signals: [String]

    /// Creates a level change.
    public init(subject: Subject, at: Int64, from: Level?, to: Level?, score: Double, rules: [String], signals: [String]) {
        self.subject = subject
        self.at = at
        self.from = from
        self.to = to
        self.score = score
        self.rules = rules
        self.signals = signals
    }

    /// Whether the change goes up (escalation); a change to or from "too few to say" is neither.
    public var isEscalation: Bool {
        guard let from, let to else { return false }
        return to > from
    }
}
