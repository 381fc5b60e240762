import GRDB
import WaakvlamCore

/// One small input of a group stored together (a socket request), already decoded.
public struct GroupIngestPart: Sendable {
    /// The input's name, as `ingest_run.input` records it.
    public var name: String
    /// Its good records.
    public var records: [FeedRecord]
    /// How many rows were refused.
    public var rejected: Int
    /// The last line read.
    public var lastLine: Int
    /// Where the refused rows were kept, if any.
    public var rejectedFile: String?

    /// Creates a part.
    public init(name: String, records: [FeedRecord], rejected: Int, lastLine: Int, rejectedFile: String?) {
        self.name = name
        self.records = records
        self.rejected = rejected
        self.lastLine = lastLine
        self.rejectedFile = rejectedFile
    }
}

extension AppDatabase {
    /// Stores several small inputs in one transaction, each as its own finished ingest run with its
    /// own figures: many socket requests share one commit instead of three each.
    public func storeGroup(_ parts: [GroupIngestPart], channel: IngestChannel, rules: RuleSet, now: Int64, cache: IngestCache) throws -> [IngestCounts] {
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
                    let insertRun = try db.cachedStatement(sql: """
                        INSERT INTO ingest_run (channel, input, started_at, finished_at, accepted, duplicates, repeats, rejected, last_line, rejected_file)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                    for part in parts {
                        var batch = BatchWriter(db: db, rules: rules, now: now, cache: cache)
                        for record in part.records { try batch.store(record) }
                        try batch.finish()
                        var counts = batch.counts
                        counts.rejected = part.rejected
                        try insertRun.execute(arguments: [channel.rawValue, part.name, now, now, counts.accepted, counts.duplicates, counts.repeats,
                                                          counts.rejected, part.lastLine, part.rejectedFile])
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
