import GRDB

// Row ids for the references feeds use, created on first sight.
extension BatchWriter {
    /// The row id for `ref`, created on first sight: a signal may name a household the registry has not sent yet.
    func id(of ref: String, _ kind: ReferenceKind) throws -> Int64 {
        if let existing = try existingID(of: ref, kind) { return existing }
        let insert = kind == .source
            ? try db.cachedStatement(sql: "INSERT INTO source (name, first_seen_at, last_ingest_at) VALUES (?, ?, ?)")
            : try db.cachedStatement(sql: "INSERT INTO \(kind.table) (ref, created_at, updated_at) VALUES (?, ?, ?)")
        try insert.execute(arguments: [ref, now, now])
        let id = db.lastInsertedRowID
        cache.remember(id, for: ref, in: kind)
        if kind == .resident { cache.createdResidents.insert(id) }
        return id
    }

    /// The row id for `ref` when it is stored, without creating it.
    func existingID(of ref: String, _ kind: ReferenceKind) throws -> Int64? {
        if let known = cache.lookup(ref, in: kind) { return known }
        guard !cache.isComplete(kind) else { return nil }
        let select = try db.cachedStatement(sql: "SELECT id FROM \(kind.table) WHERE \(kind.keyColumn) = ?")
        guard let existing = try Int64.fetchOne(select, arguments: [ref]) else { return nil }
        cache.remember(existing, for: ref, in: kind)
        return existing
    }

    func unitRowID(building: Int64, ref: String) throws -> Int64 {
        if let known = cache.units[UnitKey(building: building, ref: ref)] { return known }
        let select = try db.cachedStatement(sql: "SELECT id FROM unit WHERE building_id = ? AND ref = ?")
        let id: Int64
        if !cache.unitsComplete, let existing = try Int64.fetchOne(select, arguments: [building, ref]) {
            id = existing
        } else {
            try db.cachedStatement(sql: "INSERT INTO unit (building_id, ref) VALUES (?, ?)").execute(arguments: [building, ref])
            id = db.lastInsertedRowID
        }
        cache.rememberUnit(id, building: building, ref: ref)
        return id
    }
}
