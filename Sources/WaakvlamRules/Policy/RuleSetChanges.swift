import WaakvlamCore

/// How a new `rules.yaml` differs from the one in force, one line per change in the words of the
/// file: `rule aanhoudende_achterstand: for removed`, `rule x: condition changed (… → …)`,
/// `levels amber_at 4.0 → 3.0`, `signal type y: removed`.
///
/// A reload names every change in the journal and the first few in systemd's STATUS, so a file
/// that was cut short or edited by mistake is seen at once, not weeks later in the levels.
public struct RuleSetChanges: Sendable, Equatable, CustomStringConvertible {
    /// The changes, rules first (in the new file's order, then the removed ones), then thresholds,
    /// signal types and the other sections.
    public let lines: [String]

    /// The changes from `old` to `new`.
    public init(from old: StoplightPolicy, to new: StoplightPolicy) {
        var lines = Self.rules(old.rules, new.rules)
        lines += Self.thresholds("levels", old.levels.thresholds, new.levels.thresholds)
        if old.levels.coolDown != new.levels.coolDown { lines.append("levels cool_down \(old.levels.coolDown) → \(new.levels.coolDown)") }
        if old.levels.evaluateEvery != new.levels.evaluateEvery { lines.append("levels evaluate_every \(old.levels.evaluateEvery) → \(new.levels.evaluateEvery)") }
        lines += Self.thresholds("aftercare", old.aftercare.thresholds, new.aftercare.thresholds)
        lines += Self.signalTypes(old.ruleSet.signalTypes, new.ruleSet.signalTypes)
        var oldAftercare = old.aftercare
        oldAftercare.thresholds = new.aftercare.thresholds
        let sections: [(String, Bool)] = [
            ("domains and arrears", old.ruleSet.domains != new.ruleSet.domains || old.ruleSet.arrears != new.ruleSet.arrears),
            ("scoring", old.scoring != new.scoring), ("aftercare", oldAftercare != new.aftercare), ("buildings", old.buildings != new.buildings),
        ]
        lines += sections.filter(\.1).map { "\($0.0): changed" }
        self.lines = lines
    }

    /// Whether the rule sets are the same in every respect compared.
    public var isEmpty: Bool { lines.isEmpty }

    /// The changes joined with "; ", or "rules unchanged".
    public var description: String { lines.isEmpty ? "rules unchanged" : lines.joined(separator: "; ") }

    /// At most `count` changes joined with "; ", and how many more there are (for a STATUS line).
    public func summary(first count: Int) -> String {
        guard lines.count > count else { return description }
        return lines.prefix(count).joined(separator: "; ") + "; and \(lines.count - count) more change(s), see the journal"
    }

    private static func rules(_ old: [NamedRule], _ new: [NamedRule]) -> [String] {
        let before = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(new.map(\.name))
        var lines: [String] = []
        for rule in new {
            guard let was = before[rule.name] else {
                lines.append("rule \(rule.name): added")
                continue
            }
            if was.level != rule.level { lines.append("rule \(rule.name): level \(was.level.rawValue) → \(rule.level.rawValue)") }
            if was.condition != rule.condition { lines.append("rule \(rule.name): condition changed (\(was.condition.text) → \(rule.condition.text))") }
            switch (was.holdFor, rule.holdFor) {
            case (nil, let now?): lines.append("rule \(rule.name): for \(now) added")
            case (_?, nil): lines.append("rule \(rule.name): for removed")
            case (let then?, let now?) where then != now: lines.append("rule \(rule.name): for \(then) → \(now)")
            default: break
            }
        }
        lines += old.filter { !after.contains($0.name) }.map { "rule \($0.name): removed" }
        return lines
    }

    private static func thresholds(_ section: String, _ old: Thresholds, _ new: Thresholds) -> [String] {
        var lines: [String] = []
        if old.amberAt != new.amberAt { lines.append("\(section) amber_at \(old.amberAt) → \(new.amberAt)") }
        if old.redAt != new.redAt { lines.append("\(section) red_at \(old.redAt) → \(new.redAt)") }
        return lines
    }

    private static func signalTypes(_ old: [String: SignalType], _ new: [String: SignalType]) -> [String] {
        let codes = Set(old.keys).union(new.keys).sorted()
        return codes.compactMap { code in
            switch (old[code], new[code]) {
            case (nil, _?): "signal type \(code): added"
            case (_?, nil): "signal type \(code): removed"
            case (let then?, let now?) where then != now: "signal type \(code): changed"
            default: nil
            }
        }
    }
}
