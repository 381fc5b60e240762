import GRDB
import WaakvlamCore

extension AppDatabase {
    /// Deletes what has expired at `cutoffs`, in bounded batches of one transaction each so the
    /// writer is never held for long, and records the run in `purge_run` and `audit`.
    ///
    /// In order: moved-out households whole (their notices, level changes, state, contacts,
    /// signals, registry history, then the household); signals past retention; closed,
    /// delivered notices past retention; level changes past retention that no kept notice names;
    /// audit records past retention. Then free pages go back to the file system when the store
    /// was created with incremental auto-vacuum.
    ///
    /// A dry run deletes nothing: it counts the same in one read transaction and records the
    /// run as a dry run.
    ///
    /// - Note: Never deleted: a notice not yet delivered (`delivered_at IS NULL`), and any notice
    ///   of a case (household or building) that has an open notice — one with a deadline that is
    ///   neither acknowledged nor resolved — or an undelivered one. Such a household that moved
    ///   out is kept whole until its case is closed.
    public func purge(_ cutoffs: PurgeCutoffs, at now: Int64, dryRun: Bool, trigger: PurgeTrigger, who: String, batchSize: Int = 2_000) throws -> PurgeCounts {
        let run = try writer.write { db in
            try db.execute(sql: "INSERT INTO purge_run (at, trigger, who, dry_run) VALUES (?, ?, ?, ?)", arguments: [now, trigger.rawValue, who, dryRun])
            return db.lastInsertedRowID
        }
        var counts: PurgeCounts
        if dryRun {
            counts = try writer.read { try Self.countExpired($0, cutoffs) }
            try writer.write { try Self.record(counts, run: run, $0) }
        } else {
            counts = PurgeCounts()
            try purgeHouseholds(cutoffs, run: run, batch: max(1, batchSize / 10), into: &counts)
            try purgeByID(table: "signal", where: "occurred_at < ?", [cutoffs.signalsBefore], run: run, batch: batchSize, into: &counts) { $0.signals += $1 }
            try purgeByID(table: "notice", alias: "n", where: Self.expiredNotice, [cutoffs.noticesBefore], run: run, batch: batchSize, into: &counts,
                          before: { db, ids in
                              // A kept follow-up loses the link to a deleted notice it climbed from.
                              try db.execute(sql: "UPDATE notice SET parent_id = NULL WHERE parent_id IN (\(ids)) AND id NOT IN (\(ids))")
                          }) { $0.notices += $1 }
            try purgeByID(table: "level_change", alias: "lc", where: "lc.at < ? AND NOT EXISTS (SELECT 1 FROM notice n WHERE n.change_id = lc.id)",
                          [cutoffs.noticesBefore], run: run, batch: batchSize, into: &counts) { $0.levelChanges += $1 }
            try purgeByID(table: "audit", where: "at < ?", [cutoffs.auditBefore], run: run, batch: batchSize, into: &counts) { $0.auditRecords += $1 }
        }
        try writer.write { db in
            try db.execute(sql: "UPDATE purge_run SET finished_at = ? WHERE id = ?", arguments: [now, run])
            let what = counts.kinds.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
            try db.execute(sql: "INSERT INTO audit (at, who, action, subject) VALUES (?, ?, ?, ?)",
                           arguments: [now, who, dryRun ? "purge dry-run" : "purge", what])
        }
        if !dryRun { try releaseFreePages() }
        return counts
    }

    /// The last finished purge that deleted (not a dry run), of `trigger` or any: when, and its counts.
    public func lastPurge(by trigger: PurgeTrigger? = nil) throws -> (at: Int64, counts: PurgeCounts)? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT at, households, signals, registry_entries, contacts, subject_states, level_changes, notices, audit_records
                FROM purge_run WHERE dry_run = 0 AND finished_at IS NOT NULL AND (? IS NULL OR trigger = ?) ORDER BY id DESC LIMIT 1
                """, arguments: [trigger?.rawValue, trigger?.rawValue]) else { return nil }
            var counts = PurgeCounts()
            counts.households = row[1]; counts.signals = row[2]; counts.registryEntries = row[3]; counts.contacts = row[4]
            counts.subjectStates = row[5]; counts.levelChanges = row[6]; counts.notices = row[7]; counts.auditRecords = row[8]
            return (row[0], counts)
        }
    }

    /// The ids of every stored household (the daemon drops from memory what is no longer here).
    public func residentIDs() throws -> Set<Int64> {
        try writer.read { try Int64.fetchSet($0, sql: "SELECT id FROM resident") }
    }

    /// Deletes stored states of households that are no longer in the store (written by an
    /// engine that still held them while another process purged them). Returns how many.
    @discardableResult
    public func deleteStatesOfMissingResidents() throws -> Int {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM subject_state WHERE subject_type = 'resident' AND subject_id NOT IN (SELECT id FROM resident)")
            return db.changesCount
        }
    }

    // MARK: - What has expired

    /// A notice that is open: it has a deadline and is neither acknowledged nor resolved.
    private static func isOpen(_ n: String) -> String {
        "(\(n).acked_at IS NULL AND \(n).resolved_at IS NULL AND \(n).deadline IS NOT NULL)"
    }

    /// A case (subject) with a notice that is open or not yet delivered.
    private static func caseIsOpen(_ type: String, _ id: String) -> String {
        "EXISTS (SELECT 1 FROM notice o WHERE o.subject_type = \(type) AND o.subject_id = \(id) AND (o.delivered_at IS NULL OR \(isOpen("o"))))"
    }

    /// A household that moved out on or before `?` (and did not move in again), whose case is closed.
    private static let expiredHousehold = """
        r.moved_out IS NOT NULL AND r.moved_out <= ? AND (r.moved_in IS NULL OR r.moved_in <= r.moved_out)
        AND NOT \(caseIsOpen("'resident'", "r.id"))
        """

    /// A delivered, closed notice last touched before `?`, of a case without open notices.
    /// Feedback notices to reporters are no case: each stands alone.
    private static let expiredNotice = """
        n.delivered_at IS NOT NULL AND coalesce(n.resolved_at, n.acked_at, n.at) < ? AND NOT \(isOpen("n"))
        AND (n.subject_type = 'reporter' OR NOT \(caseIsOpen("n.subject_type", "n.subject_id")))
        """

    /// Counts what a purge at `cutoffs` deletes, in the same terms as the deleting passes.
    private static func countExpired(_ db: Database, _ cutoffs: PurgeCutoffs) throws -> PurgeCounts {
        let households = "WITH h AS (SELECT r.id FROM resident r WHERE \(expiredHousehold)) "
        let day = cutoffs.movedOutThrough.description
        func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
            try Int.fetchOne(db, sql: households + sql, arguments: [day] + arguments) ?? 0
        }
        let ofHousehold = "(n.subject_type = 'resident' AND n.subject_id IN h)"
        var counts = PurgeCounts()
        counts.households = try count("SELECT count(*) FROM h")
        counts.signals = try count("SELECT count(*) FROM signal WHERE resident_id IN h")
            + count("SELECT count(*) FROM signal WHERE occurred_at < ? AND (resident_id IS NULL OR resident_id NOT IN h)", [cutoffs.signalsBefore])
        counts.registryEntries = try count("SELECT count(*) FROM registry_history WHERE resident_id IN h")
        counts.contacts = try count("SELECT count(*) FROM contact WHERE resident_id IN h")
        counts.subjectStates = try count("SELECT count(*) FROM subject_state WHERE subject_type = 'resident' AND subject_id IN h")
        counts.notices = try count("SELECT count(*) FROM notice n WHERE \(ofHousehold)")
            + count("SELECT count(*) FROM notice n WHERE \(expiredNotice) AND NOT \(ofHousehold)", [cutoffs.noticesBefore])
        counts.levelChanges = try count("SELECT count(*) FROM level_change WHERE subject_type = 'resident' AND subject_id IN h")
            + count("""
                SELECT count(*) FROM level_change lc WHERE lc.at < ? AND NOT (lc.subject_type = 'resident' AND lc.subject_id IN h)
                AND NOT EXISTS (SELECT 1 FROM notice n WHERE n.change_id = lc.id AND NOT (\(ofHousehold) OR (\(expiredNotice))))
                """, [cutoffs.noticesBefore, cutoffs.noticesBefore])
        counts.auditRecords = try count("SELECT count(*) FROM audit WHERE at < ?", [cutoffs.auditBefore])
        return counts
    }

    // MARK: - Deleting

    private func purgeHouseholds(_ cutoffs: PurgeCutoffs, run: Int64, batch: Int, into counts: inout PurgeCounts) throws {
        while true {
            let done = try writer.write { db -> PurgeCounts? in
                let ids = try Int64.fetchAll(db, sql: "SELECT r.id FROM resident r WHERE \(Self.expiredHousehold) ORDER BY r.id LIMIT ?",
                                             arguments: [cutoffs.movedOutThrough.description, batch])
                guard !ids.isEmpty else { return nil }
                let list = ids.map(String.init).joined(separator: ",")
                func delete(_ sql: String) throws -> Int {
                    try db.execute(sql: sql)
                    return db.changesCount
                }
                var deleted = PurgeCounts()
                let notices = "SELECT id FROM notice WHERE subject_type = 'resident' AND subject_id IN (\(list))"
                let changes = "SELECT id FROM level_change WHERE subject_type = 'resident' AND subject_id IN (\(list))"
                try db.execute(sql: "UPDATE notice SET parent_id = NULL WHERE parent_id IN (\(notices)) AND NOT (subject_type = 'resident' AND subject_id IN (\(list)))")
                deleted.notices = try delete("DELETE FROM notice WHERE subject_type = 'resident' AND subject_id IN (\(list))")
                try db.execute(sql: "UPDATE notice SET change_id = NULL WHERE change_id IN (\(changes))")
                deleted.levelChanges = try delete("DELETE FROM level_change WHERE subject_type = 'resident' AND subject_id IN (\(list))")
                deleted.subjectStates = try delete("DELETE FROM subject_state WHERE subject_type = 'resident' AND subject_id IN (\(list))")
                deleted.contacts = try delete("DELETE FROM contact WHERE resident_id IN (\(list))")
                deleted.signals = try delete("DELETE FROM signal WHERE resident_id IN (\(list))")
                deleted.registryEntries = try delete("DELETE FROM registry_history WHERE resident_id IN (\(list))")
                deleted.households = try delete("DELETE FROM resident WHERE id IN (\(list))")
                try Self.record(deleted, run: run, adding: true, db)
                return deleted
            }
            guard let done else { return }
            counts.add(done)
        }
    }

    /// Deletes the rows of `table` matching `condition` in id order, at most `batch` per
    /// transaction and each transaction looking at a window of at most 25 × `batch` ids, so that
    /// neither the deleting nor the looking holds the writer for long; `before` runs in each
    /// transaction first with the ids (comma-separated). Rows stored after the purge began are
    /// not looked at.
    private func purgeByID(table: String, alias: String? = nil, where condition: String, _ arguments: StatementArguments, run: Int64, batch: Int,
                           into counts: inout PurgeCounts, before: ((Database, String) throws -> Void)? = nil,
                           tally: @escaping (inout PurgeCounts, Int) -> Void) throws {
        let name = alias.map { "\(table) \($0)" } ?? table
        let id = alias.map { "\($0).id" } ?? "id"
        guard let highest = try writer.read({ try Int64.fetchOne($0, sql: "SELECT max(id) FROM \(table)") }) else { return }
        let window = Int64(batch) * 25
        var last: Int64 = 0
        while last < highest {
            let (next, deleted) = try writer.write { db -> (Int64, PurgeCounts) in
                let end = min(last + window, highest)
                let ids = try Int64.fetchAll(db, sql: "SELECT \(id) FROM \(name) WHERE \(id) > ? AND \(id) <= ? AND \(condition) ORDER BY \(id) LIMIT ?",
                                             arguments: [last, end] + arguments + [batch])
                guard !ids.isEmpty else { return (end, PurgeCounts()) }
                let list = ids.map(String.init).joined(separator: ",")
                try before?(db, list)
                try db.execute(sql: "DELETE FROM \(table) WHERE id IN (\(list))")
                var deleted = PurgeCounts()
                tally(&deleted, db.changesCount)
                try Self.record(deleted, run: run, adding: true, db)
                // A full batch may leave more in the window: go on after its last id.
                return (ids.count == batch ? ids[ids.count - 1] : end, deleted)
            }
            last = next
            counts.add(deleted)
        }
    }

    private static func record(_ counts: PurgeCounts, run: Int64, adding: Bool = false, _ db: Database) throws {
        let columns = ["households", "signals", "registry_entries", "contacts", "subject_states", "level_changes", "notices", "audit_records"]
        let assignments = columns.map { adding ? "\($0) = \($0) + ?" : "\($0) = ?" }.joined(separator: ", ")
        try db.execute(sql: "UPDATE purge_run SET \(assignments) WHERE id = ?",
                       arguments: StatementArguments(counts.kinds.map(\.count)) + [run])
    }

    /// Hands free pages back to the file system, 1,024 pages (4 MiB) per transaction, when the
    /// store keeps incremental auto-vacuum (stores created since migration v5). Otherwise SQLite
    /// reuses the free pages for the next data.
    private func releaseFreePages() throws {
        guard try writer.read({ try Int.fetchOne($0, sql: "PRAGMA auto_vacuum") }) == 2 else { return }
        for _ in 0..<100_000 {
            let free = try writer.read { try Int.fetchOne($0, sql: "PRAGMA freelist_count") ?? 0 }
            guard free > 0 else { return }
            try writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA incremental_vacuum(1024)") }
        }
    }
}
