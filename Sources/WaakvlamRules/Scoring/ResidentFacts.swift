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
    /// Which arrears reports a later closing signal has closed.
    let closings: ArrearsClosings

    /// `days_since` of a type that never occurred: far beyond any window a rule would use.
    static let never = 100_000.0

    /// The value of a number-valued function.
    public func number(_ call: FunctionCall) -> Double {
        // These run for every resident at every step: walk the signals, build no arrays.
        switch call.function {
        case .count:
            let start = moment - (call.window?.seconds ?? 0)
            var count = 0
            for signal in signals where signal.occurredAt > start && !signal.isRepeat && selects(call, signal) { count += 1 }
            return Double(count)
        case .reporters:
            let start = moment - (call.window?.seconds ?? 0)
            var reporters: Set<String> = []
            for signal in signals where signal.occurredAt > start && selects(call, signal) {
                if let reporter = signal.reporter { reporters.insert(reporter) }
            }
            return Double(reporters.count)
        case .daysOverdue:
            var largest = 0.0
            for signal in signals where isOpenArrears(signal, call) {
                largest = max(largest, Double(signal.daysOverdue ?? 0) + Double((moment - signal.occurredAt) / 86_400))
            }
            return largest
        case .amount:
            // The latest report of each type speaks for its episode.
            var latest: [String: Int64] = [:]
            for signal in signals where isOpenArrears(signal, call) { latest[signal.type] = signal.amountCents ?? 0 }
            return latest.values.reduce(0) { $0 + Double($1) / 100 }
        case .daysSince:
            guard let last = signals.last(where: { selects(call, $0) }) else { return Self.never }
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

    private func selects(_ call: FunctionCall, _ signal: SignalFact) -> Bool {
        guard let selector = call.selector, let type = policy.ruleSet.signalType(signal.type) else { return false }
        return selector.matches(code: signal.type, family: type.family)
    }

    /// Whether a report belongs to an arrears episode still open: not closed since, and reported within
    /// the repeat window (an episode nobody has reported for that long is no longer known to be open).
    private func isOpenArrears(_ signal: SignalFact, _ call: FunctionCall) -> Bool {
        guard signal.occurredAt >= moment - policy.ruleSet.arrears.repeatWindow.seconds,
              !closings.isClosed(signal),
              let selector = call.selector, let type = policy.ruleSet.signalType(signal.type), type.family == .arrears else { return false }
        return selector.matches(code: signal.type, family: type.family)
    }
}
