import GRDB
import WaakvlamCore

/// Writes the records of one batch inside one open transaction.
struct BatchWriter {
    let db: Database
    let rules: RuleSet
    let now: Int64
    let cache: IngestCache
    /// The ingest run the signals are stored under.
    let runID: Int64
    private var sourcesSeen: Set<Int64> = []
    private var inserter: SignalInserter?

    init(db: Database, rules: RuleSet, now: Int64, cache: IngestCache, runID: Int64) {
        self.db = db
        self.runID = runID
        self.rules = rules
        self.now = now
        self.cache = cache
    }

    /// Figures of what was stored so far.
    private(set) var counts = IngestCounts()
    /// Signals refused because their key is taken by other content, in no particular order.
    private(set) var conflicts: [SignalConflict] = []

    /// Stores `record`, read from input line `line`.
    mutating func store(_ record: FeedRecord, line: Int) throws {
        switch record {
        case .signal(let signal):
            try store(signal, line: line)
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

    private mutating func store(_ signal: SignalRecord, line: Int) throws {
        let sourceID = try id(of: signal.source, .source)
        sourcesSeen.insert(sourceID)
        let residentID = try signal.resident.map { try id(of: $0, .resident) }
        let buildingID = try signal.building.map { try id(of: $0, .building) }
        var isRepeat = false
        if signal.family == .arrears, let residentID {
            isRepeat = rules.arrears.isRepeat(occurredAt: signal.occurredAt, amountCents: signal.amountCents,
                                              previous: try previousReport(of: signal, residentID: residentID))
        }
        // Remembered before the insert, so the next row of the same statement sees it.
        if let residentID { remember(signal, residentID: residentID) }
        let pending = PendingSignal(record: signal, sourceID: sourceID, residentID: residentID, buildingID: buildingID, isRepeat: isRepeat, line: line)
        if inserter == nil { inserter = SignalInserter(db: db, now: now, runID: runID) }
        settle(try inserter!.add(pending))
    }

    private mutating func flushSignals() throws {
        if inserter != nil { settle(try inserter!.flush()) }
    }

    private mutating func settle(_ outcomes: [(PendingSignal, SignalOutcome)]) {
        for (signal, outcome) in outcomes {
            switch outcome {
            case .inserted: count(true, isRepeat: signal.isRepeat)
            case .duplicate: count(false, isRepeat: false)
            case .conflict(let reason):
                counts.rejected += 1
                conflicts.append(SignalConflict(line: signal.line, reason: reason))
            }
            // A row not stored was remembered as if new; read that household's history back from the store instead.
            if outcome != .inserted, let residentID = signal.residentID {
                cache.latestArrears[ArrearsKey(resident: residentID, type: signal.record.type)] = nil
                cache.latestClosing[residentID] = nil
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
