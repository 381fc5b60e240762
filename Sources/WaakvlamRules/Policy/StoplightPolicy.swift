import WaakvlamCore

/// Everything `rules.yaml` says: signal types, scoring, thresholds, named rules,
/// aftercare and buildings. One value, swapped as a whole on reload.
public struct StoplightPolicy: Sendable {
    /// Signal types, life-domains and the arrears policy.
    public var ruleSet: RuleSet
    /// How signals add up to a score.
    public var scoring: ScoringPolicy
    /// Score thresholds, the cool-down and the evaluation interval.
    public var levels: LevelPolicy
    /// Named rules that set a minimum level while their condition holds.
    public var rules: [NamedRule]
    /// Who is watched with more sensitivity, and how.
    public var aftercare: AftercarePolicy
    /// How a building's placement advice is decided.
    public var buildings: BuildingPolicy

    /// Creates a policy.
    public init(ruleSet: RuleSet, scoring: ScoringPolicy, levels: LevelPolicy, rules: [NamedRule], aftercare: AftercarePolicy, buildings: BuildingPolicy) {
        self.ruleSet = ruleSet
        self.scoring = scoring
        self.levels = levels
        self.rules = rules
        self.aftercare = aftercare
        self.buildings = buildings
    }

    /// The longest window any part of the policy looks back, so loaders know which signals still matter.
    public var lookBack: TimeSpan {
        var longest = scoring.horizon
        for rule in rules {
            for call in rule.condition.calls {
                if let window = call.window, window > longest { longest = window }
            }
        }
        if buildings.window > longest { longest = buildings.window }
        return longest
    }
}
