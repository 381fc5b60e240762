import WaakvlamCore

/// Decides a building's placement advice from its households' levels, origins and moves, and nuisance.
public struct BuildingAssessor: Sendable {
    /// The policy in force.
    public let policy: StoplightPolicy

    /// Creates an assessor for `policy`.
    public init(policy: StoplightPolicy) { self.policy = policy }

    /// Assesses `building` at `moment`; `levelOf` gives each household's current level.
    public func assess(_ building: BuildingCase, in casebook: Casebook, at moment: Int64, levelOf: (Int64) -> Level) -> BuildingAssessment {
        let rules = policy.buildings
        let living = building.households.compactMap { casebook.residents[$0] }.filter { $0.facts.livesThere(at: moment) }
        let count = living.count
        let dwellings = max(building.units ?? count, count, 1)
        let windowStart = moment - rules.window.seconds
        var nuisance: [SignalFact] = building.signals.filter { isNuisance($0, from: windowStart, to: moment) }
        for resident in living {
            nuisance += resident.signals.filter { isNuisance($0, from: windowStart, to: moment) }
        }
        let references = nuisance.sorted { $0.occurredAt > $1.occurredAt }.prefix(20).map(\.reference)
        guard count >= rules.minimumHouseholds, count > 0 else {
            return BuildingAssessment(moment: moment, households: count, dwellings: dwellings, measures: [], level: nil, signals: Array(references))
        }
        let share = { (matching: Int) in Double(matching) / Double(count) }
        let concerned = living.count { levelOf($0.id) > .green }
        let vulnerable = living.count { $0.facts.origin.map(rules.vulnerableOrigins.contains) ?? false }
        let turnoverStart = moment - rules.turnoverWindow.seconds
        let arrived = living.count { ($0.facts.movedIn ?? .min) > turnoverStart }
        let values: [(BuildingMeasure.Kind, Double, BuildingPolicy.Bounds)] = [
            (.concernShare, share(concerned), rules.concernShare),
            (.nuisancePerDwelling, Double(nuisance.count) / Double(dwellings), rules.nuisancePerDwelling),
            (.vulnerableShare, share(vulnerable), rules.vulnerableShare),
            (.turnover, share(arrived), rules.turnover),
        ]
        let measures = values.map { BuildingMeasure(kind: $0.0, value: $0.1, level: $0.2.level(for: $0.1)) }
        let level = measures.map(\.level).max() ?? .green
        return BuildingAssessment(moment: moment, households: count, dwellings: dwellings, measures: measures, level: level, signals: Array(references))
    }

    private func isNuisance(_ signal: SignalFact, from start: Int64, to end: Int64) -> Bool {
        guard signal.occurredAt > start, signal.occurredAt <= end, !signal.isRepeat else { return false }
        return policy.ruleSet.signalType(signal.type)?.family == .nuisance
    }
}
