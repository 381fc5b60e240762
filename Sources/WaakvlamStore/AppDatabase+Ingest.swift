import GRDB
import WaakvlamCore

extension AppDatabase {
    /// Starts an ingest run, or picks up the unfinished run with the same `resumeKey`.
    public func beginIngestRun(channel: IngestChannel, input: String, resumeKey: String?, now: Int64) throws -> IngestRun {
        try writer.write { db in
            if let resumeKey, let row = try Row.fetchOne(db, sql: "SELECT * FROM ingest_run WHERE resume_key = ? AND finished_at IS NULL", arguments: [resumeKey]) {
                return IngestRun(row: row)
            }
            try db.execute(sql: "INSERT INTO ingest_run (channel, input, started_at, resume_key) VALUES (?, ?, ?, ?)",
                           arguments: [channel.rawValue, input, now, resumeKey])
            return IngestRun(id: db.lastInsertedRowID, channel: channel, input: input, counts: IngestCounts(), lastLine: 0, rejectedFile: nil, rejectedBytes: 0, rejectedErrorBytes: 0)
        }
    }

    /// Marks `run` finished with its final figures.
    public func finishIngestRun(_ run: IngestRun, now: Int64) throws {
        try writer.write { db in
            try Self.saveProgress(run, db)
            try db.execute(sql: "UPDATE ingest_run SET finished_at = ?, resume_key = NULL WHERE id = ?", arguments: [now, run.id])
        }
    }

    /// Stores batches pulled from `next` in one transaction, with the progress of `run`, and returns the run with them counted.
    ///
    /// `next` advances the run's line, rejected count and rejected-file sizes
    /// past the batch it returns, each record with its input line; the accepted,
    /// duplicate and repeat figures are added here. Batches are pulled until
    /// `rowLimit` rows are in the transaction or `next` returns nil. Signals
    /// whose key is taken by other content are counted rejected here and handed
    /// to `refuse`, still inside the transaction, which keeps them aside and
    /// advances the rejected-file sizes. Either all of it and the progress are
    /// committed, or nothing is.
    public func store(startingWith run: IngestRun, rules: RuleSet, now: Int64, cache: IngestCache, rowLimit: Int,
                      next: (inout IngestRun) throws -> (records: [FeedRecord], lines: [Int])?,
                      refuse: (inout IngestRun, [SignalConflict]) throws -> Void) throws -> IngestRun {
        do {
            return try writer.writeWithoutTransaction { db in
                // Every id this transaction writes comes from the same transaction's lookups or
                // inserts, so foreign keys cannot break here; checking them cost a fifth of ingest.
                // Tests assert `PRAGMA foreign_key_check` stays empty. Other writes keep them on.
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                var updated = run
                try db.inTransaction {
                    if try cache.loadIfNeeded(db) {
                        // An empty store builds its household index once, at the end of the load
                        // (``endFirstLoad(_:)``); any other ingest makes sure it exists, since a
                        // first load cut off by a crash leaves it dropped.
                        try db.execute(sql: cache.isFirstLoad ? DatabaseSchema.dropHouseholdIndex : DatabaseSchema.householdIndex)
                        cache.droppedHouseholdIndex = cache.isFirstLoad
                    }
                    var batch = BatchWriter(db: db, rules: rules, now: now, cache: cache, runID: run.id)
                    var rows = 0
                    while rows < rowLimit, let chunk = try next(&updated) {
                        rows += chunk.records.count
                        try cache.preloadIfWorthIt(db, records: chunk.records.count)
                        for (record, line) in zip(chunk.records, chunk.lines) { try batch.store(record, line: line) }
                    }
                    try batch.finish()
                    updated.counts.add(batch.counts)
                    try refuse(&updated, batch.conflicts)
                    try Self.saveProgress(updated, db)
                    return .commit
                }
                return updated
            }
        } catch {
            // The memory no longer matches the store; without it, history queries need the index.
            try? endFirstLoad(cache)
            cache.clear()
            throw error
        }
    }

    /// Builds the household index again if the ingest that used `cache` dropped it for a first load.
    public func endFirstLoad(_ cache: IngestCache) throws {
        guard cache.droppedHouseholdIndex else { return }
        try restoreIndexes()
        cache.droppedHouseholdIndex = false
    }

    /// Makes sure every index exists: a first load cut off by a crash leaves the household index dropped.
    public func restoreIndexes() throws {
        // Looked up first: a write would wait for (and fail on) a lock another process holds at start.
        let present = try writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'index' AND name = 'signal_by_resident'") ?? false
        }
        if !present { try writer.write { db in try db.execute(sql: DatabaseSchema.householdIndex) } }
    }

    /// Checks every page of the store (`PRAGMA quick_check`: b-trees, records, index order) and
    /// throws ``StoreError/damaged(path:problems:)`` with SQLite's findings when any is wrong.
    /// About half a second per million signals, so the daemon runs it once at start.
    public func checkPages() throws {
        let problems: [String]
        do {
            problems = try writer.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(20)") }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            throw StoreError.damaged(path: writer.path, problems: [error.message ?? "\(error)"])
        }
        guard problems != ["ok"] else { return }
        // One finding per line (SQLite may put several in one row), without its heading.
        let findings = problems.flatMap { $0.split(separator: "\n").map(String.init) }.filter { !$0.hasPrefix("***") }
        throw StoreError.damaged(path: writer.path, problems: findings)
    }

    private static func saveProgress(_ run: IngestRun, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE ingest_run SET accepted = ?, duplicates = ?, repeats = ?, rejected = ?, last_line = ?,
                rejected_file = ?, rejected_bytes = ?, rejected_error_bytes = ? WHERE id = ?
            """, arguments: [run.counts.accepted, run.counts.duplicates, run.counts.repeats, run.counts.rejected,
                             run.lastLine, run.rejectedFile, run.rejectedBytes, run.rejectedErrorBytes, run.id])
    }
}
