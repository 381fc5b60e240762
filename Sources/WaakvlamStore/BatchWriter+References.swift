import GRDB

// Row ids for the references feeds use, created on first sight.
extension BatchWriter {
    /// The row id for `ref`, created on first sight: a signal may name a household the registry has not sent yet.
    func id(of ref: String, _ kind: ReferenceKind) throws -> Int64 {
        if let known = cache.lookup(ref, in: kind) { return known }
        if !cache.isComplete(kind) {
            let select = try db.cachedStatement(sql: "SELECT id FROM \(kind.table) WHERE \(kind.keyColumn) = ?")
            if let existing = try Int64.fetchOne(select, arguments: [ref]) {
                cache.remember(existing, for: ref, in: kind)
                return existing
            }
        }
        let insert = kind == .source
            ? try db.cachedStatement(sql: "INSERT INTO source (name, first_seen_at, last_ingest_at) VALUES (?, ?, ?)")
            : try db.cachedStatement(sql: "INSERT INTO \(kind.table) (ref, created_at, updated_at) VALUES (?, ?, ?)")
        try insert.execute(arguments: [ref, now, now])
        let id = db.lastInsertedRowID
        cache.remember(id, for: ref, in: kind)
        if kind == .resident { cache.createdResidents.insert(id) }
        return id
    }

    func unitRowID(building: Int64, ref: String) throws -> Int64 {
        try db.execute(sql: "INSERT INTO unit (building_id, ref) VALUES (?, ?) ON CONFLICT DO NOTHING", arguments: [building, ref])
        return try Int64.fetchOne(db, sql: "SELECT id FROM unit WHERE building_id = ? AND ref = ?", arguments: [building, ref])!
    }
}
