import GRDB
import WaakvlamCore

/// Writes the records of one batch inside one open transaction.
struct BatchWriter {
    let db: Database
    let rules: RuleSet
    let now: Int64
    let cache: ReferenceCache
    private var sourcesSeen: Set<Int64> = []
    private var signalInsert: FastInsert?

    init(db: Database, rules: RuleSet, now: Int64, cache: ReferenceCache) {
        self.db = db
        self.rules = rules
        self.now = now
        self.cache = cache
    }

    mutating func store(_ record: FeedRecord) throws -> RecordOutcome {
        switch record {
        case .signal(let signal): try store(signal)
        case .registry(let registry): try store(registry)
        case .building(let building): try store(building)
        }
    }

    // MARK: Signals

    private mutating func store(_ signal: SignalRecord) throws -> RecordOutcome {
        let sourceID = try id(of: signal.source, .source)
        sourcesSeen.insert(sourceID)
        let residentID = try signal.resident.map { try id(of: $0, .resident) }
        let buildingID = try signal.building.map { try id(of: $0, .building) }
        var isRepeat = false
        if signal.family == .arrears, let residentID {
            isRepeat = rules.arrears.isRepeat(occurredAt: signal.occurredAt, amountCents: signal.amountCents,
                                              previous: try previousReport(of: signal, residentID: residentID))
        }
        if signalInsert == nil {
            signalInsert = try FastInsert(db, sql: """
                INSERT INTO signal (source_id, external_id, type, occurred_at, date_only, resident_id, building_id, unit,
                                    reporter, amount_cents, days_overdue, note, is_repeat, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source_id, external_id) DO NOTHING
                """)
        }
        signalInsert!.begin()
        signalInsert!.bind(sourceID)
        signalInsert!.bind(signal.id)
        signalInsert!.bind(signal.type)
        signalInsert!.bind(signal.occurredAt)
        signalInsert!.bind(signal.dateOnly)
        signalInsert!.bind(residentID)
        signalInsert!.bind(buildingID)
        signalInsert!.bind(signal.unit)
        signalInsert!.bind(signal.reporter)
        signalInsert!.bind(signal.amountCents)
        signalInsert!.bind(signal.daysOverdue)
        signalInsert!.bind(signal.note)
        signalInsert!.bind(isRepeat)
        signalInsert!.bind(now)
        let changed = try signalInsert!.step()
        guard changed > 0 else { return .duplicate }
        return isRepeat ? .acceptedRepeat : .accepted
    }

    private func previousReport(of signal: SignalRecord, residentID: Int64) throws -> ArrearsPolicy.PreviousReport? {
        let previous = try db.cachedStatement(sql: """
            SELECT occurred_at, amount_cents FROM signal
            WHERE resident_id = ? AND type = ? AND occurred_at <= ?
            ORDER BY occurred_at DESC, id DESC LIMIT 1
            """)
        guard let row = try Row.fetchOne(previous, arguments: [residentID, signal.type, signal.occurredAt]) else { return nil }
        let previousAt: Int64 = row[0]
        var closed = false
        if !rules.arrears.closedBy.isEmpty {
            let placeholders = databaseQuestionMarks(count: rules.arrears.closedBy.count)
            let closers = try db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM signal WHERE resident_id = ? AND occurred_at >= ? AND occurred_at <= ?
                               AND type IN (\(placeholders)))
                """)
            var arguments: [(any DatabaseValueConvertible)?] = [residentID, previousAt, signal.occurredAt]
            arguments.append(contentsOf: rules.arrears.closedBy.sorted().map { $0 as (any DatabaseValueConvertible)? })
            closed = try Bool.fetchOne(closers, arguments: StatementArguments(arguments)) ?? false
        }
        return ArrearsPolicy.PreviousReport(occurredAt: previousAt, amountCents: row[1], closedSince: closed)
    }

    /// Marks the sources of this batch as heard from now.
    func touchSources() throws {
        for sourceID in sourcesSeen {
            try db.execute(sql: "UPDATE source SET last_ingest_at = ? WHERE id = ?", arguments: [now, sourceID])
        }
    }

    // MARK: Registry and buildings

    private mutating func store(_ record: RegistryRecord) throws -> RecordOutcome {
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
        if next.allSatisfy({ old($0.key) == $0.value }) { return .duplicate }
        let columns = next.keys.sorted()
        try db.execute(
            sql: "UPDATE resident SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), updated_at = ? WHERE id = ?",
            arguments: StatementArguments(columns.map { next[$0]! } + [now.databaseValue, residentID.databaseValue]))
        try db.execute(
            sql: "INSERT INTO registry_history (resident_id, \(columns.joined(separator: ", ")), recorded_at) VALUES (?, \(databaseQuestionMarks(count: columns.count)), ?)",
            arguments: StatementArguments([residentID.databaseValue] + columns.map { next[$0]! } + [now.databaseValue]))
        return .accepted
    }

    private mutating func store(_ record: BuildingRecord) throws -> RecordOutcome {
        let buildingID = try id(of: record.building, .building)
        let current = try Row.fetchOne(db, sql: "SELECT units, neighbourhood, name FROM building WHERE id = ?", arguments: [buildingID])!
        func old(_ column: String) -> DatabaseValue { current[column] }
        let units = record.units?.databaseValue ?? old("units")
        let neighbourhood = record.neighbourhood?.databaseValue ?? old("neighbourhood")
        let name = record.name?.databaseValue ?? old("name")
        if units == old("units"), neighbourhood == old("neighbourhood"), name == old("name") { return .duplicate }
        try db.execute(sql: "UPDATE building SET units = ?, neighbourhood = ?, name = ?, updated_at = ? WHERE id = ?",
                       arguments: [units, neighbourhood, name, now, buildingID])
        return .accepted
    }

    // MARK: References

    /// The row id for `ref`, created on first sight: a signal may name a household the registry has not sent yet.
    private func id(of ref: String, _ kind: ReferenceKind) throws -> Int64 {
        if let known = cache.lookup(ref, in: kind) { return known }
        let table = switch kind {
        case .source: "source"
        case .resident: "resident"
        case .building: "building"
        }
        let column = kind == .source ? "name" : "ref"
        let select = try db.cachedStatement(sql: "SELECT id FROM \(table) WHERE \(column) = ?")
        if let existing = try Int64.fetchOne(select, arguments: [ref]) {
            cache.remember(existing, for: ref, in: kind)
            return existing
        }
        let insert = kind == .source
            ? try db.cachedStatement(sql: "INSERT INTO source (name, first_seen_at, last_ingest_at) VALUES (?, ?, ?)")
            : try db.cachedStatement(sql: "INSERT INTO \(table) (ref, created_at, updated_at) VALUES (?, ?, ?)")
        try insert.execute(arguments: [ref, now, now])
        let id = db.lastInsertedRowID
        cache.remember(id, for: ref, in: kind)
        return id
    }

    private func unitRowID(building: Int64, ref: String) throws -> Int64 {
        try db.execute(sql: "INSERT INTO unit (building_id, ref) VALUES (?, ?) ON CONFLICT DO NOTHING", arguments: [building, ref])
        return try Int64.fetchOne(db, sql: "SELECT id FROM unit WHERE building_id = ? AND ref = ?", arguments: [building, ref])!
    }
}
