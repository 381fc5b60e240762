import Synchronization
import WaakvlamCore

/// The signal types in force, shared by every copy of an ``Ingestor`` so that a configuration
/// reload reaches the command line's, the spool's and the socket's at once.
final class SharedRuleSet: Sendable {
    private let rules: Mutex<RuleSet>

    init(_ rules: RuleSet) { self.rules = Mutex(rules) }

    /// The rules now.
    var current: RuleSet { rules.withLock { $0 } }

    /// Puts `rules` in force.
    func replace(_ rules: RuleSet) { self.rules.withLock { $0 = rules } }
}
