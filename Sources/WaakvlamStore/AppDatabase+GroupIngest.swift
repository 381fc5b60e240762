import GRDB
import WaakvlamCore

/// One small input of a group stored together (a socket request), already decoded.
public struct GroupIngestPart: Sendable {
    /// The input's name, as `ingest_run.input` records it.
    public var name: String
    /// Its good records.
    public var records: [FeedRecord]
    /// The input line of each record.
    public var lines: [Int]
    /// How many rows were refused.
    public var rejected: Int
    /// The last line read.
    public var lastLine: Int
    /// Where the refused rows were kept, if any.
    public var rejectedFile: String?

    /// Creates a part.
    public init(name: String, records: [FeedRecord], lines: [Int], rejected: Int, lastLine: Int, rejectedFile: String?) {
        self.name = name
        self.records = records
        self.lines = lines
        self.rejected = rejected
        self.lastLine = lastLine
        self.rejectedFile = rejectedFile
    }
}

extension AppDatabase {
    /// Stores several small inputs in one transaction, each as its own finished ingest run with its
    /// own figures: many socket requests share one commit instead of three each.
    ///
    /// Signals whose key is taken by other content are counted rejected and handed to `refuse`
    /// with the index of their part, inside the transaction; it keeps them aside and returns
    /// the part's rejected-rows file.
    public func storeGroup(_ parts: [GroupIngestPart], channel: IngestChannel, rules: RuleSet, now: Int64, cache: IngestCache,
                           refuse: (Int, [SignalConflict]) throws -> String?) throws -> [IngestCounts] {
        do {
            return try writer.writeWithoutTransaction { db in
                // As in ``store(startingWith:rules:now:cache:rowLimit:next:)``: every id comes from this transaction.
                try db.cachedStatement(sql: "PRAGMA foreign_keys = OFF").execute()
                defer { try? db.cachedStatement(sql: "PRAGMA foreign_keys = ON").execute() }
                var results: [IngestCounts] = []
                try db.inTransaction {
                    results = []
                    if try cache.loadIfNeeded(db) {
                        try db.execute(sql: cache.isFirstLoad ? DatabaseSchema.dropHouseholdIndex : DatabaseSchema.householdIndex)
                        cache.droppedHouseholdIndex = cache.isFirstLoad
                    }
                    try cache.preloadIfWorthIt(db, records: parts.reduce(0) { $0 + $1.records.count })
                    // The run is written first: its signals carry its id, so a conflict can tell its own lines.
                    let insertRun = try db.cachedStatement(sql: "INSERT INTO ingest_run (channel, input, started_at, last_line) VALUES (?, ?, ?, ?)")
                    let finishRun = try db.cachedStatement(sql: """
                        UPDATE ingest_run SET finished_at = ?, accepted = ?, duplicates = ?, repeats = ?, rejected = ?, rejected_file = ?
                        WHERE id = ?
                        """)
                    for (index, part) in parts.enumerated() {
                        try insertRun.execute(arguments: [channel.rawValue, part.name, now, part.lastLine])
                        let runID = db.lastInsertedRowID
                        var batch = BatchWriter(db: db, rules: rules, now: now, cache: cache, runID: runID)
                        for (record, line) in zip(part.records, part.lines) { try batch.store(record, line: line) }
                        try batch.finish()
                        var counts = batch.counts
                        counts.rejected += part.rejected
                        let rejectedFile = batch.conflicts.isEmpty ? part.rejectedFile : try refuse(index, batch.conflicts)
                        try finishRun.execute(arguments: [now, counts.accepted, counts.duplicates, counts.repeats, counts.rejected, rejectedFile, runID])
                        results.append(counts)
                    }
                    return .commit
                }
                return results
            }
        } catch {
            try? endFirstLoad(cache)
            cache.clear()
            throw error
        }
    }
}
