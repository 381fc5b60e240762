import GRDB
import WaakvlamCore
import WaakvlamRules

extension AppDatabase {
    /// Raises an overdue notice, one rung up the ladder, for every escalation or overdue notice
    /// whose deadline passed before `moment` without acknowledgement or resolution, and that has not
    /// climbed yet. A snooze holds it back until it ends, unless a safety signal about the household
    /// arrived after the snooze was set; a household that is green again needs no climb.
    /// Returns the new notices' ids.
    @discardableResult
    public func raiseOverdue(at moment: Int64, rungs: Int, safetyTypes: Set<String>, deadline: (Level?) -> Int64?) throws -> [Int64] {
        try writer.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM notice n
                WHERE n.kind IN ('escalation', 'overdue') AND n.acked_at IS NULL AND n.resolved_at IS NULL
                  AND n.deadline IS NOT NULL AND n.deadline < ? AND n.rung + 1 < ?
                  AND NOT EXISTS (SELECT 1 FROM notice c WHERE c.parent_id = n.id)
                ORDER BY n.id
                """, arguments: [moment, rungs])
            var raised: [Int64] = []
            for row in rows {
                let subjectType: String = row["subject_type"], subjectID: Int64 = row["subject_id"]
                if let until = row["snoozed_until"] as Int64?, until > moment,
                   !(try Self.safetySignal(about: subjectType, subjectID, since: row["snoozed_at"] as Int64? ?? 0, types: safetyTypes, db)) {
                    continue
                }
                let current = try String.fetchOne(db, sql: "SELECT level FROM subject_state WHERE subject_type = ? AND subject_id = ?",
                                                   arguments: [subjectType, subjectID])
                if subjectType == "resident", current == nil || current == "green" { continue }
                let to = (row["to_level"] as String?).flatMap(Level.init(rawValue:))
                let notice = Notice(at: moment, kind: .overdue, subjectType: subjectType, subjectID: subjectID, subjectReference: row["subject_ref"],
                                    from: (row["from_level"] as String?).flatMap(Level.init(rawValue:)), to: to, score: row["score"],
                                    rules: Self.jsonStrings(row["rules"]), signals: Self.jsonStrings(row["signals"]), route: row["route"],
                                    rung: (row["rung"] as Int) + 1, deadline: deadline(to))
                try Self.insert(notice, changeID: nil, db)
                let id = db.lastInsertedRowID
                try db.execute(sql: "UPDATE notice SET parent_id = ? WHERE id = ?", arguments: [row["id"] as Int64, id])
                raised.append(id)
            }
            return raised
        }
    }

    private static func safetySignal(about subjectType: String, _ subjectID: Int64, since moment: Int64, types: Set<String>, _ db: Database) throws -> Bool {
        guard subjectType == "resident", !types.isEmpty else { return false }
        let list = types.sorted().map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ",")
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM signal WHERE resident_id = ? AND received_at >= ? AND type IN (\(list)))",
                                 arguments: [subjectID, moment]) ?? false
    }
}
