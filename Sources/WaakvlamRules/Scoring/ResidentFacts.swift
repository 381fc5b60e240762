import WaakvlamCore

/// The values rule conditions read for one resident at one moment.
public struct ResidentFacts: ConditionFacts, Sendable {
    let policy: StoplightPolicy
    let facts: HouseholdFacts
    /// Signals within the horizon, oldest first.
    let signals: [SignalFact]
    let moment: Int64
    let score: Double
    let activeDomains: Int
    let aftercare: Bool
    let feud: Bool
    /// Arrears reported before this moment are closed.
    let closedBefore: Int64?

    /// `days_since` of a type that never occurred: far beyond any window a rule would use.
    static let never = 100_000.0

    /// The value of a number-valued function.
    public func number(_ call: FunctionCall) -> Double {
        switch call.function {
        case .count:
            let start = moment - (call.window?.seconds ?? 0)
            return Double(matching(call).count { $0.occurredAt > start && !$0.isRepeat })
        case .reporters:
            let start = moment - (call.window?.seconds ?? 0)
            return Double(Set(matching(call).lazy.filter { $0.occurredAt > start }.compactMap(\.reporter)).count)
        case .daysOverdue:
            return openArrears(call).map { signal in
                Double(signal.daysOverdue ?? 0) + Double((moment - signal.occurredAt) / 86_400)
            }.max() ?? 0
        case .amount:
            // The latest report of each type speaks for its episode.
            var latest: [String: SignalFact] = [:]
            for signal in openArrears(call) { latest[signal.type] = signal }
            return latest.values.reduce(0) { $0 + Double($1.amountCents ?? 0) / 100 }
        case .daysSince:
            guard let last = matching(call).last else { return Self.never }
            return Double((moment - last.occurredAt) / 86_400)
        case .domains: return Double(activeDomains)
        case .score: return score
        case .minors: return Double(facts.minors ?? 0)
        case .origin, .support, .aftercare, .feud: return truth(call) ? 1 : 0
        }
    }

    /// The value of a boolean-valued function.
    public func truth(_ call: FunctionCall) -> Bool {
        switch call.function {
        case .origin: return facts.origin.map(call.origins.contains) ?? false
        case .support: return facts.support.map(call.supports.contains) ?? false
        case .aftercare: return aftercare
        case .feud: return feud
        default: return number(call) != 0
        }
    }

    private func matching(_ call: FunctionCall) -> [SignalFact] {
        guard let selector = call.selector else { return [] }
        return signals.filter { signal in
            guard let type = policy.ruleSet.signalType(signal.type) else { return false }
            return selector.matches(code: signal.type, family: type.family)
        }
    }

    private func openArrears(_ call: FunctionCall) -> [SignalFact] {
        matching(call).filter { signal in
            policy.ruleSet.signalType(signal.type)?.family == .arrears && closedBefore.map { signal.occurredAt >= $0 } ?? true
        }
    }
}
