import WaakvlamCore

/// Builds explanations from the engine: the level it shows at a moment and everything behind it.
///
/// An answer is bounded: it lists at most ``contributionLimit`` contributions, with the number
/// and the sum of the rest, so a household with 200,000 signals gets an answer of a few dozen
/// kilobytes rather than one 31 MB line through the socket.
public struct Explainer: Sendable {
    /// The most contributions an explanation lists: those that add most to the score (ties: the
    /// newest), in date order. The rest are counted in `contributions_omitted`.
    public static let contributionLimit = 200

    /// The engine, as it stands.
    public var stoplight: Stoplight
    /// Dates in explanations are local dates in this calendar.
    public var calendar: LocalCalendar

    /// Creates an explainer over a copy of the engine.
    public init(stoplight: Stoplight, calendar: LocalCalendar) {
        self.stoplight = stoplight
        self.calendar = calendar
    }

    /// Explains a resident at `moment`, or nil when the reference is unknown.
    public func resident(_ reference: String, at moment: Int64) -> Explanation? {
        guard let id = stoplight.casebook.residentByReference[reference] else { return nil }
        var engine = stoplight
        _ = engine.evaluate(residents: [id], at: moment)
        let state = engine.state(of: .resident(id))
        // The assessment reads the `for:` clocks as they stood before this moment's evaluation.
        guard let assessment = stoplight.assessment(ofResident: id, at: moment),
              let facts = stoplight.facts(ofResident: id, assessment: assessment) else { return nil }
        let rules = stoplight.policy.rules
        let fired = Set(assessment.fired.map(\.name))
        let figures = { (rule: NamedRule) in
            Explanation.RuleFigures(name: rule.name, level: rule.level.rawValue, condition: rule.condition.description, description: rule.description,
                                    values: Dictionary(rule.condition.trace(facts).map { ($0.call.description, $0.value.description) }, uniquingKeysWith: { a, _ in a }))
        }
        let (listed, omitted) = Self.bounded(assessment.contributions)
        let contributions = listed.map { item in
            Explanation.ContributionFigures(signal: item.signal.reference, type: item.signal.type, domain: item.domain,
                                            occurredAt: "\(calendar.localDate(of: item.signal.occurredAt))", weight: item.weight,
                                            faded: Self.round(item.faded), counted: Self.round(item.counted), adjustment: item.adjustment?.rawValue)
        }
        return Explanation(
            subject: .init(type: "resident", id: reference), level: state.level?.rawValue ?? "green", score: Self.round(assessment.score),
            since: "\(calendar.localDate(of: state.since))", at: "\(calendar.localDate(of: moment))",
            thresholds: .init(amberAt: assessment.thresholds.amberAt, redAt: assessment.thresholds.redAt),
            aftercare: assessment.aftercare.map { "\($0) on \(calendar.localDate(of: $0.start))" },
            activeDomains: assessment.activeDomains, multiplier: assessment.multiplier, feudWith: assessment.feudWith,
            contributions: contributions, contributionsOmitted: omitted.count, contributionsOmittedCounted: Self.round(omitted.counted),
            rules: rules.filter { fired.contains($0.name) }.map(figures),
            waiting: rules.filter { assessment.holding.contains($0.name) && !fired.contains($0.name) }.map(figures),
            measures: [], households: nil,
            wouldLower: wouldLower(state: state, assessment: assessment))
    }

    /// Explains a building at `moment`, or nil when the reference is unknown.
    public func building(_ reference: String, at moment: Int64) -> Explanation? {
        guard let id = stoplight.casebook.buildings.values.first(where: { $0.reference == reference })?.id else { return nil }
        var engine = stoplight
        let households = engine.casebook.buildings[id]?.households ?? []
        _ = engine.evaluate(residents: households, at: moment)
        let state = engine.state(of: .building(id))
        guard let assessment = engine.assessment(ofBuilding: id, at: moment) else { return nil }
        let policy = stoplight.policy
        var lower: [String] = []
        if state.level == nil {
            lower.append("too few households to say: \(assessment.households) known, a colour from \(policy.buildings.minimumHouseholds)")
        }
        for measure in assessment.measures where measure.level > .green {
            lower.append("\(measure.kind.rawValue) is \(Self.round(measure.value)), which reaches \(measure.level.rawValue)")
        }
        if let lowers = state.lowersAt(coolDown: policy.levels.coolDown) {
            lower.append("if nothing changes it goes to \(lowers.level.rawValue) on \(calendar.localDate(of: lowers.at)) (cool-down \(policy.levels.coolDown))")
        }
        return Explanation(
            subject: .init(type: "building", id: reference), level: state.level?.rawValue ?? "unknown", score: Self.round(state.score),
            since: "\(calendar.localDate(of: state.since))", at: "\(calendar.localDate(of: moment))", thresholds: nil, aftercare: nil,
            activeDomains: [], multiplier: nil, feudWith: [], contributions: [], contributionsOmitted: 0, contributionsOmittedCounted: 0,
            rules: [], waiting: [],
            measures: assessment.measures.map { .init(measure: $0.kind.rawValue, value: Self.round($0.value), level: $0.level.rawValue) },
            households: assessment.households, wouldLower: lower)
    }

    private func wouldLower(state: SubjectState, assessment: Assessment) -> [String] {
        guard let level = state.level, level > .green else { return [] }
        let policy = stoplight.policy
        var steps: [String] = []
        let threshold = level == .red ? assessment.thresholds.redAt : assessment.thresholds.amberAt
        if assessment.score >= threshold {
            steps.append("the score falling below \(threshold) (now \(Self.round(assessment.score))), as signals fade or positive signals arrive")
        }
        for rule in assessment.fired where rule.level >= level {
            steps.append("rule '\(rule.name)' no longer holding")
        }
        if let lowers = state.lowersAt(coolDown: policy.levels.coolDown) {
            steps.append("already lower now: if it stays so, the level goes to \(lowers.level.rawValue) on \(calendar.localDate(of: lowers.at))")
        } else {
            steps.append("then the lower level holding for the cool-down of \(policy.levels.coolDown)")
        }
        return steps
    }

    /// The ``contributionLimit`` contributions that add most (ties: newest first), kept in their
    /// own order, and the number and sum of the others.
    static func bounded(_ all: [Contribution]) -> (listed: [Contribution], omitted: (count: Int, counted: Double)) {
        guard all.count > contributionLimit else { return (all, (0, 0)) }
        let chosen = all.indices.sorted {
            let (a, b) = (all[$0], all[$1])
            return (abs(a.counted), a.signal.occurredAt, $1) > (abs(b.counted), b.signal.occurredAt, $0)
        }.prefix(contributionLimit).sorted()
        let kept = Set(chosen)
        let rest = all.indices.filter { !kept.contains($0) }.reduce(0.0) { $0 + all[$1].counted }
        return (chosen.map { all[$0] }, (all.count - chosen.count, rest))
    }

    static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
