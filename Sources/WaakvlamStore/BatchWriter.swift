import GRDB
import WaakvlamCore

/// Writes the records of one batch inside one open transaction.
struct BatchWriter {
    let db: Database
    let rules: RuleSet
    let now: Int64
    let cache: IngestCache
    private var sourcesSeen: Set<Int64> = []
    private var inserter: SignalInserter?
    /// The highest signal id before this batch's first signal: the stored history ends there.
    private var lastStoredID: Int64?
    /// Households with arrears rows in this batch whose stored history is not in the ledger yet.
    private var unread: Set<Int64> = []

    init(db: Database, rules: RuleSet, now: Int64, cache: IngestCache) {
        self.db = db
        self.rules = rules
        self.now = now
        self.cache = cache
    }

    /// Figures of what was stored so far.
    private(set) var counts = IngestCounts()

    mutating func store(_ record: FeedRecord) throws {
        switch record {
        case .signal(let signal):
            try store(signal)
        case .registry(let registry):
            try flushSignals()
            count(try store(registry), isRepeat: false)
        case .building(let building):
            try flushSignals()
            count(try store(building), isRepeat: false)
        }
    }

    /// Inserts queued signals and marks this batch's sources as heard from now; call before committing.
    mutating func finish() throws {
        try flushSignals()
        if let lastStoredID {
            for decision in try settleArrears(loading: unread, storedUpTo: lastStoredID) where decision.entry.isNew && decision.isRepeat {
                counts.repeats += 1
            }
            unread = []
        }
        try touchSources()
    }

    private mutating func count(_ inserted: Bool, isRepeat: Bool) {
        if inserted {
            counts.accepted += 1
            if isRepeat { counts.repeats += 1 }
        } else {
            counts.duplicates += 1
        }
    }

    // MARK: Signals

    private mutating func store(_ signal: SignalRecord) throws {
        let sourceID = try id(of: signal.source, .source)
        sourcesSeen.insert(sourceID)
        let residentID = try signal.resident.map { try id(of: $0, .resident) }
        let buildingID = try signal.building.map { try id(of: $0, .building) }
        if let residentID {
            if lastStoredID == nil {
                try cache.prepareLedger(db, policy: rules.arrears)
                lastStoredID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM signal")) ?? 0
            }
            if let unknown = enterArrears(signal, sourceID: sourceID, residentID: residentID) { unread.insert(unknown) }
        }
        // Stored unmarked: the batch's marks are decided together in ``finish()``, once its order no longer matters.
        let pending = PendingSignal(record: signal, sourceID: sourceID, residentID: residentID, buildingID: buildingID, isRepeat: false)
        if inserter == nil { inserter = SignalInserter(db: db, now: now) }
        settle(try inserter!.add(pending))
    }

    private mutating func flushSignals() throws {
        if inserter != nil { settle(try inserter!.flush()) }
    }

    private mutating func settle(_ outcomes: [(PendingSignal, inserted: Bool)]) {
        for (signal, inserted) in outcomes {
            count(inserted, isRepeat: false)
            // A duplicate was entered as if new; the stored row stands instead.
            if !inserted, let residentID = signal.residentID {
                withdrawArrears(signal.record, sourceID: signal.sourceID, residentID: residentID)
            }
        }
    }

    /// Marks the sources of this batch as heard from now.
    private func touchSources() throws {
        for sourceID in sourcesSeen {
            try db.cachedStatement(sql: "UPDATE source SET last_ingest_at = ? WHERE id = ?").execute(arguments: [now, sourceID])
        }
    }

    // MARK: Registry and buildings

    /// Returns whether anything changed.
    private mutating func store(_ record: RegistryRecord) throws -> Bool {
        let buildingID = try id(of: record.building, .building)
        let residentID = try id(of: record.resident, .resident)
        let unitID = try record.unit.map { try unitRowID(building: buildingID, ref: $0) }
        let current = try Row.fetchOne(db, sql: "SELECT * FROM resident WHERE id = ?", arguments: [residentID])!
        let previousBuilding: Int64? = current["building_id"]
        let movedBuilding = previousBuilding != buildingID
        func old(_ column: String) -> DatabaseValue { current[column] }
        // Facts the record leaves out stay as they were, except the dwelling of a household that moved.
        func merged(_ value: DatabaseValue?, _ column: String) -> DatabaseValue { value ?? old(column) }
        let next: [String: DatabaseValue] = [
            "building_id": buildingID.databaseValue,
            "unit_id": movedBuilding ? (unitID?.databaseValue ?? .null) : merged(unitID?.databaseValue, "unit_id"),
            "neighbourhood": merged(record.neighbourhood?.databaseValue, "neighbourhood"),
            "minors": merged(record.minors?.databaseValue, "minors"),
            "origin": merged(record.origin?.rawValue.databaseValue, "origin"),
            "moved_in": merged(record.movedIn?.description.databaseValue, "moved_in"),
            "moved_out": merged(record.movedOut?.description.databaseValue, "moved_out"),
            "support": merged(record.support?.rawValue.databaseValue, "support"),
            "support_until": merged(record.supportUntil?.description.databaseValue, "support_until"),
        ]
        if next.allSatisfy({ old($0.key) == $0.value }) { return false }
        let columns = next.keys.sorted()
        try db.execute(
            sql: "UPDATE resident SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), updated_at = ? WHERE id = ?",
            arguments: StatementArguments(columns.map { next[$0]! } + [now.databaseValue, residentID.databaseValue]))
        try db.execute(
            sql: "INSERT INTO registry_history (resident_id, \(columns.joined(separator: ", ")), recorded_at) VALUES (?, \(databaseQuestionMarks(count: columns.count)), ?)",
            arguments: StatementArguments([residentID.databaseValue] + columns.map { next[$0]! } + [now.databaseValue]))
        return true
    }

    /// Returns whether anything changed.
    private mutating func store(_ record: BuildingRecord) throws -> Bool {
        let buildingID = try id(of: record.building, .building)
        let current = try Row.fetchOne(db, sql: "SELECT units, neighbourhood, name FROM building WHERE id = ?", arguments: [buildingID])!
        func old(_ column: String) -> DatabaseValue { current[column] }
        let units = record.units?.databaseValue ?? old("units")
        let neighbourhood = record.neighbourhood?.databaseValue ?? old("neighbourhood")
        let name = record.name?.databaseValue ?? old("name")
        if units == old("units"), neighbourhood == old("neighbourhood"), name == old("name") { return false }
        try db.execute(sql: "UPDATE building SET units = ?, neighbourhood = ?, name = ?, updated_at = ? WHERE id = ?",
                       arguments: [units, neighbourhood, name, now, buildingID])
        return true
    }
}
