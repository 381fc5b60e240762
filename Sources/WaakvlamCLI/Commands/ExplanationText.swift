import WaakvlamCore
import WaakvlamRules

/// An explanation as people read it: the level in Dutch and English, then each reason.
struct ExplanationText {
    let explanation: Explanation

    init(_ explanation: Explanation) { self.explanation = explanation }

    var lines: [String] {
        let e = explanation
        let colour = Level(rawValue: e.level).map { "\($0.dutchName) (\($0.rawValue))" } ?? "te weinig huishoudens om iets te zeggen (unknown)"
        var lines = ["\(e.subject.type) \(e.subject.id): \(colour) since \(e.since), at \(e.at)", "score: \(e.score)"]
        if let thresholds = e.thresholds {
            lines.append("thresholds: amber from \(thresholds.amberAt), red from \(thresholds.redAt)\(e.aftercare.map { " (aftercare: \($0))" } ?? "")")
        }
        if let multiplier = e.multiplier {
            let domains = e.activeDomains.isEmpty ? "none" : e.activeDomains.joined(separator: ", ")
            lines.append("active domains: \(domains) (concern ×\(multiplier))")
        }
        if !e.feudWith.isEmpty {
            lines.append("feud with \(e.feudWith.joined(separator: ", ")): their mutual complaints do not count; consider neighbourhood mediation")
        }
        if let households = e.households { lines.append("households: \(households)") }
        if !e.contributions.isEmpty {
            lines.append("contributions (weight → faded → counted):")
            for item in e.contributions {
                let note = item.adjustment.map { "  [\($0)]" } ?? ""
                lines.append("  \(item.occurredAt)  \(item.type)  \(item.weight) → \(item.faded) → \(item.counted)  \(item.signal)\(note)")
            }
            if e.contributionsOmitted > 0 {
                lines.append("  … and \(e.contributionsOmitted) more contribution(s) adding \(e.contributionsOmittedCounted) together, not listed (the \(e.contributions.count) listed add most)")
            }
        }
        for measure in e.measures {
            lines.append("  \(measure.measure): \(measure.value) → \(measure.level)")
        }
        for (title, rules) in [("rules fired:", e.rules), ("rules holding, waiting for their 'for:':", e.waiting)] where !rules.isEmpty {
            lines.append(title)
            for rule in rules {
                lines.append("  \(rule.name) (\(rule.level)): \(rule.condition)")
                let values = rule.values.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
                if !values.isEmpty { lines.append("    \(values)") }
            }
        }
        if !e.wouldLower.isEmpty {
            lines.append("what would bring it down:")
            lines += e.wouldLower.map { "  - \($0)" }
        }
        return lines
    }
}
