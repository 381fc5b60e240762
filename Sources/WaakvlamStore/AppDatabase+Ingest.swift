import GRDB
import WaakvlamCore

/// What became of one record handed to ``AppDatabase/store(_:in:rules:now:cache:)``.
public enum RecordOutcome: Sendable, Equatable {
    /// Stored as new.
    case accepted
    /// Stored as new, and marked as a repeat of a known arrears episode.
    case acceptedRepeat
    /// Already stored before; nothing written.
    case duplicate
}

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

    /// Records progress that has no rows of its own (a stretch of rejected lines).
    public func saveProgress(_ run: IngestRun) throws {
        try writer.write { db in try Self.saveProgress(run, db) }
    }

    /// Marks `run` finished with its final figures.
    public func finishIngestRun(_ run: IngestRun, now: Int64) throws {
        try writer.write { db in
            try Self.saveProgress(run, db)
            try db.execute(sql: "UPDATE ingest_run SET finished_at = ?, resume_key = NULL WHERE id = ?", arguments: [now, run.id])
        }
    }

    /// Stores `records` and the progress of `run` in one transaction, and returns the run with this batch counted.
    ///
    /// `run` comes in with its line, rejected count and rejected bytes already
    /// advanced past this batch; the accepted, duplicate and repeat figures are
    /// added here. Either the records and the progress are committed, or
    /// nothing is.
    public func store(_ records: [FeedRecord], in run: IngestRun, rules: RuleSet, now: Int64, cache: IngestCache) throws -> (IngestRun, [RecordOutcome]) {
        do {
            return try writer.write { db in
                try cache.loadIfNeeded(db)
                var batch = BatchWriter(db: db, rules: rules, now: now, cache: cache)
                let outcomes = try records.map { try batch.store($0) }
                try batch.touchSources()
                var updated = run
                for outcome in outcomes {
                    switch outcome {
                    case .accepted: updated.counts.accepted += 1
                    case .acceptedRepeat: updated.counts.accepted += 1; updated.counts.repeats += 1
                    case .duplicate: updated.counts.duplicates += 1
                    }
                }
                try Self.saveProgress(updated, db)
                return (updated, outcomes)
            }
        } catch {
            cache.clear()
            throw error
        }
    }

    private static func saveProgress(_ run: IngestRun, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE ingest_run SET accepted = ?, duplicates = ?, repeats = ?, rejected = ?, last_line = ?,
                rejected_file = ?, rejected_bytes = ?, rejected_error_bytes = ? WHERE id = ?
            """, arguments: [run.counts.accepted, run.counts.duplicates, run.counts.repeats, run.counts.rejected,
                             run.lastLine, run.rejectedFile, run.rejectedBytes, run.rejectedErrorBytes, run.id])
    }
}
