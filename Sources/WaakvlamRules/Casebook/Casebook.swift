/// Everything the engine knows about households and buildings, held in memory so that a
/// re-evaluation reads no database. The store fills it; ingest adds to it.
public struct Casebook: Sendable {
    /// Households by store id.
    public private(set) var residents: [Int64: ResidentCase] = [:]
    /// Buildings by store id.
    public private(set) var buildings: [Int64: BuildingCase] = [:]
    /// Household ids by reference, so reporters that are households can be recognised.
    public private(set) var residentByReference: [String: Int64] = [:]
    /// The highest signal id taken in; later signals are new.
    public private(set) var lastSignalID: Int64 = 0

    /// Creates an empty casebook.
    public init() {}

    /// Registers or updates a household and keeps building membership in step.
    public mutating func register(resident id: Int64, facts: HouseholdFacts) {
        if let old = residents[id]?.facts, old.building != facts.building, let building = old.building {
            buildings[building]?.households.remove(id)
        }
        if residents[id] == nil {
            residents[id] = ResidentCase(id: id, facts: facts)
        } else {
            residents[id]?.facts = facts
        }
        residentByReference[facts.reference] = id
        if let building = facts.building {
            if buildings[building] == nil { buildings[building] = BuildingCase(id: building, reference: "#\(building)") }
            buildings[building]?.households.insert(id)
        }
    }

    /// Registers or updates a building's own facts, keeping its households and signals.
    public mutating func register(building id: Int64, reference: String, units: Int?, neighbourhood: String?) {
        if buildings[id] == nil {
            buildings[id] = BuildingCase(id: id, reference: reference, units: units, neighbourhood: neighbourhood)
        } else {
            buildings[id]?.reference = reference
            buildings[id]?.units = units
            buildings[id]?.neighbourhood = neighbourhood
        }
    }

    /// Adds a signal about a household.
    public mutating func add(_ signal: SignalFact, resident id: Int64) {
        residents[id]?.add(signal)
        lastSignalID = max(lastSignalID, signal.id)
    }

    /// Adds signals about one household at once, in any order (what one refresh read).
    public mutating func add(contentsOf signals: [SignalFact], resident id: Int64) {
        residents[id]?.add(contentsOf: signals)
        lastSignalID = max(lastSignalID, signals.map(\.id).max() ?? 0)
    }

    /// Adds a signal about a building only.
    public mutating func add(_ signal: SignalFact, building id: Int64) {
        guard buildings[id] != nil else { return }
        buildings[id]?.signals.insertInOrder(signal)
        lastSignalID = max(lastSignalID, signal.id)
    }

    /// Adds signals about one building only at once, in any order.
    public mutating func add(contentsOf signals: [SignalFact], building id: Int64) {
        guard buildings[id] != nil else { return }
        buildings[id]?.signals.mergeInOrder(signals)
        lastSignalID = max(lastSignalID, signals.map(\.id).max() ?? 0)
    }

    /// Sets the repeat mark of a household's signal held here; returns whether it was held.
    public mutating func setRepeat(_ isRepeat: Bool, signal: Int64, occurredAt: Int64, resident id: Int64) -> Bool {
        residents[id]?.setRepeat(isRepeat, signal: signal, occurredAt: occurredAt) ?? false
    }

    /// Notes that every signal up to `id` has been taken in (also those that were skipped).
    public mutating func advance(to id: Int64) { lastSignalID = max(lastSignalID, id) }

    /// Drops a household and its signals, as when retention deleted it from the store.
    public mutating func remove(resident id: Int64) {
        guard let resident = residents.removeValue(forKey: id) else { return }
        if let building = resident.facts.building { buildings[building]?.households.remove(id) }
        if residentByReference[resident.facts.reference] == id { residentByReference[resident.facts.reference] = nil }
    }

    /// Drops signals that happened before `moment` everywhere.
    public mutating func forget(before moment: Int64) {
        for id in residents.keys { residents[id]?.forget(before: moment) }
        for id in buildings.keys where buildings[id]?.signals.first.map({ $0.occurredAt < moment }) ?? false {
            buildings[id]?.signals.removeAll { $0.occurredAt < moment }
        }
    }
}
