import WaakvlamCore
import WaakvlamRules
import WaakvlamService
import WaakvlamStore

/// What the demo shows after ingesting: signals per family, where nuisance concentrates,
/// and households where small problems in several life-domains add up.
struct DemoReport {
    let environment: WaakvlamEnvironment
    let now: Int64
    /// The engine after evaluating everyone at `now`.
    let stoplight: Stoplight
    /// The window "recent" means: the last 90 days.
    static let window: Int64 = 90 * 86_400

    func print() throws {
        let rules = environment.configuration.rules
        let overview = try environment.database.overview(since: now - Self.window)

        var byFamily: [SignalFamily: Int] = [:]
        for (type, count) in overview.signalsByType {
            if let family = rules.signalType(type)?.family { byFamily[family, default: 0] += count }
        }
        Terminal.print("Signals stored, per family:")
        for family in SignalFamily.allCases {
            Terminal.print("  \(family.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(byFamily[family] ?? 0)")
        }

        Terminal.print("")
        Terminal.print("Buildings with the most nuisance per dwelling in the last 90 days:")
        let ranked = overview.buildings
            .map { ($0, Double($0.recentNuisance) / Double(max(1, $0.units ?? $0.households))) }
            .filter { $0.0.recentNuisance > 0 }
            .sorted { ($0.1, $1.0.ref) > ($1.1, $0.0.ref) }
        for (building, perDwelling) in ranked.prefix(5) {
            let share = building.households == 0 ? 0 : 100 * building.fromCare / building.households
            Terminal.print("  \(building.ref) \(building.name ?? ""): \(building.recentNuisance) complaints, \(String(format: "%.2f", perDwelling)) per dwelling; \(share)% of households came from BW/MO/clinic")
        }
        let concentrated = overview.buildings.filter { $0.households >= 5 && 3 * $0.fromCare >= $0.households }
        Terminal.print("  \(concentrated.count) building(s) where a third or more of the households came from sheltered housing, shelter or a clinic.")

        Terminal.print("")
        let spread = overview.recentTypesByResident.mapValues { types in
            Set(types.compactMap { rules.signalType($0) }.filter { $0.family != .positive }.map(\.domain))
        }
        let stacked = spread.filter { $0.value.count >= 3 }.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
        Terminal.print("Households with signals in three or more life-domains in the last 90 days (the optelsom): \(stacked.count)")
        for (resident, domains) in stacked.prefix(5) {
            Terminal.print("  \(resident): \(domains.sorted().joined(separator: ", "))")
        }
        Terminal.print("")
        printStoplight()
    }

    private func printStoplight() {
        let residents = stoplight.casebook.residents.keys.map { stoplight.level(ofResident: $0) }
        let count = { (level: Level) in residents.count { $0 == level } }
        Terminal.print("The stoplight today (a colour is advice for a conversation, never a verdict):")
        Terminal.print("  households: \(count(.green)) groen, \(count(.amber)) oranje, \(count(.red)) rood")
        let buildings = stoplight.casebook.buildings.keys.map { stoplight.state(of: .building($0)).level }
        Terminal.print("  buildings:  \(buildings.count { $0 == .green }) groen, \(buildings.count { $0 == .amber }) oranje (only residents without heavy problems), "
            + "\(buildings.count { $0 == .red }) rood (no further vulnerable placement), \(buildings.count { $0 == nil }) too few households to say")
        var rules: [String: Int] = [:]
        for (subject, state) in stoplight.states where state.level.map({ $0 > .green }) ?? false {
            guard case .resident = subject else { continue }
            for rule in state.rules { rules[rule, default: 0] += 1 }
        }
        for (rule, times) in rules.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            Terminal.print("  rule \(rule): \(times) household(s)")
        }
        let examples = stoplight.states.filter { if case .resident = $0.key { return $0.value.level == .red } else { return false } }
            .compactMap { stoplight.casebook.residents[$0.key.id]?.facts.reference }.sorted().prefix(3)
        if let first = examples.first {
            Terminal.print("  red, for example: \(examples.joined(separator: ", ")); see why with:")
            Terminal.print("    waakvlam explain --state-dir \(environment.paths.stateDirectory) --now \(environment.calendar.localDate(of: now)) --resident \(first)")
        }
    }
}
