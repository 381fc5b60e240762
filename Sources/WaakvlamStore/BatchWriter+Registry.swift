import GRDB
import WaakvlamCore

// Registry and building records: upserts with their history, each a few prepared statements.
extension BatchWriter {
    /// The resident columns a registry record sets, in the order the statements bind them.
    private static let registryColumns = ["building_id", "unit_id", "neighbourhood", "minors", "origin", "moved_in", "moved_out", "support", "support_until"]
    // The statements' text, built once: building it per record cost more than running it.
    private static let selectResident = "SELECT \(registryColumns.joined(separator: ", ")) FROM resident WHERE id = ?"
    private static let updateResident = "UPDATE resident SET \(registryColumns.map { "\($0) = ?" }.joined(separator: ", ")), updated_at = ? WHERE id = ?"
    private static let insertResident = """
        INSERT INTO resident (ref, \(registryColumns.joined(separator: ", ")), created_at, updated_at)
        VALUES (?, \(databaseQuestionMarks(count: registryColumns.count)), ?, ?)
        """
    private static let insertHistory = """
        INSERT INTO registry_history (resident_id, \(registryColumns.joined(separator: ", ")), recorded_at)
        VALUES (?, \(databaseQuestionMarks(count: registryColumns.count)), ?)
        """

    /// Stores a registry record; returns whether anything changed.
    func store(_ record: RegistryRecord) throws -> Bool {
        let buildingID = try id(of: record.building, .building)
        let unitID = try record.unit.map { try unitRowID(building: buildingID, ref: $0) }
        let residentID = try existingID(of: record.resident, .resident)
        var current: Row?
        if let residentID {
            current = try Row.fetchOne(db.cachedStatement(sql: Self.selectResident), arguments: [residentID])
        }
        // Read by position: the select lists the columns in `registryColumns` order.
        let stored: [DatabaseValue] = current.map { row in (0..<Self.registryColumns.count).map { row[$0] as DatabaseValue } } ?? []
        func old(_ column: String) -> DatabaseValue {
            stored.isEmpty ? .null : stored[Self.registryColumns.firstIndex(of: column)!]
        }
        let movedBuilding = current.map { ($0[0] as Int64?) != buildingID } ?? true
        // Facts the record leaves out stay as they were, except the dwelling of a household that moved.
        func merged(_ value: DatabaseValue?, _ column: String) -> DatabaseValue { value ?? old(column) }
        let next: [DatabaseValue] = [
            buildingID.databaseValue,
            movedBuilding ? (unitID?.databaseValue ?? .null) : merged(unitID?.databaseValue, "unit_id"),
            merged(record.neighbourhood?.databaseValue, "neighbourhood"),
            merged(record.minors?.databaseValue, "minors"),
            merged(record.origin?.rawValue.databaseValue, "origin"),
            merged(record.movedIn?.description.databaseValue, "moved_in"),
            merged(record.movedOut?.description.databaseValue, "moved_out"),
            merged(record.support?.rawValue.databaseValue, "support"),
            merged(record.supportUntil?.description.databaseValue, "support_until"),
        ]
        let id: Int64
        if let residentID {
            if stored == next { return false }
            try db.cachedStatement(sql: Self.updateResident).execute(arguments: StatementArguments(next + [now.databaseValue, residentID.databaseValue]))
            id = residentID
        } else {
            // A household first seen here is inserted with its facts at once.
            try db.cachedStatement(sql: Self.insertResident).execute(arguments: StatementArguments([record.resident.databaseValue] + next + [now.databaseValue, now.databaseValue]))
            id = db.lastInsertedRowID
            cache.remember(id, for: record.resident, in: .resident)
            cache.createdResidents.insert(id)
        }
        try db.cachedStatement(sql: Self.insertHistory).execute(arguments: StatementArguments([id.databaseValue] + next + [now.databaseValue]))
        return true
    }

    /// Stores a building record; returns whether anything changed.
    func store(_ record: BuildingRecord) throws -> Bool {
        let buildingID = try id(of: record.building, .building)
        let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT units, neighbourhood, name FROM building WHERE id = ?"), arguments: [buildingID])!
        func old(_ column: String) -> DatabaseValue { current[column] }
        let units = record.units?.databaseValue ?? old("units")
        let neighbourhood = record.neighbourhood?.databaseValue ?? old("neighbourhood")
        let name = record.name?.databaseValue ?? old("name")
        if units == old("units"), neighbourhood == old("neighbourhood"), name == old("name") { return false }
        try db.cachedStatement(sql: "UPDATE building SET units = ?, neighbourhood = ?, name = ?, updated_at = ? WHERE id = ?")
            .execute(arguments: [units, neighbourhood, name, now, buildingID])
        return true
    }
}
