import WaakvlamCore

/// A rule from `rules.yaml`: while `condition` holds (for at least `holdFor`), the level is at least `level`.
public struct NamedRule: Sendable {
    /// The rule's name, as notices and explanations show it.
    public var name: String
    /// The minimum level the rule sets.
    public var level: Level
    /// When the rule applies.
    public var condition: Condition
    /// How long the condition must have held before the rule fires; nil fires at once.
    public var holdFor: TimeSpan?
    /// Why the rule exists, in words for the people reading explanations.
    public var description: String

    /// Creates a rule.
    public init(name: String, level: Level, condition: Condition, holdFor: TimeSpan? = nil, description: String = "") {
        self.name = name
        self.level = level
        self.condition = condition
        self.holdFor = holdFor
        self.description = description
    }
}
