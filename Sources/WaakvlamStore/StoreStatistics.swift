import GRDB

/// Figures about what the store holds, for `status` and the notify STATUS line.
public struct StoreStatistics: Sendable, Equatable, Codable {
    /// Signals stored.
    public var signals: Int
    /// Of which arrears repeats.
    public var repeats: Int
    /// Households known.
    public var residents: Int
    /// Buildings known.
    public var buildings: Int
    /// The last time any source delivered, seconds since the epoch.
    public var lastIngestAt: Int64?
    /// Each source with the last time it delivered.
    public var sources: [SourceActivity]
    /// Ingest runs that are not finished (interrupted spool files waiting to resume).
    public var unfinishedRuns: Int
    /// Size of the database file in bytes (pages × page size).
    public var databaseBytes: Int64

    /// One source's activity.
    public struct SourceActivity: Sendable, Equatable, Codable {
        /// The source name.
        public var name: String
        /// Signals stored from it.
        public var signals: Int
        /// Its last delivery, seconds since the epoch.
        public var lastIngestAt: Int64
    }
}

extension AppDatabase {
    /// Current figures, read without blocking the writer.
    public func statistics() throws -> StoreStatistics {
        try writer.read { db in
            let sources = try Row.fetchAll(db, sql: """
                SELECT source.name, source.last_ingest_at,
                       (SELECT count(*) FROM signal WHERE signal.source_id = source.id) AS signals
                FROM source ORDER BY source.name
                """).map { StoreStatistics.SourceActivity(name: $0["name"], signals: $0["signals"], lastIngestAt: $0["last_ingest_at"]) }
            let pageCount = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return StoreStatistics(
                signals: try Int.fetchOne(db, sql: "SELECT count(*) FROM signal") ?? 0,
                repeats: try Int.fetchOne(db, sql: "SELECT count(*) FROM signal WHERE is_repeat = 1") ?? 0,
                residents: try Int.fetchOne(db, sql: "SELECT count(*) FROM resident") ?? 0,
                buildings: try Int.fetchOne(db, sql: "SELECT count(*) FROM building") ?? 0,
                lastIngestAt: sources.map(\.lastIngestAt).max(),
                sources: sources,
                unfinishedRuns: try Int.fetchOne(db, sql: "SELECT count(*) FROM ingest_run WHERE finished_at IS NULL") ?? 0,
                databaseBytes: pageCount * pageSize)
        }
    }
}
