import GRDB
import WaakvlamCore

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
    /// Households per level (`green`, `amber`, `red`), as last evaluated.
    public var residentLevels: [String: Int]
    /// Buildings per level, with `unknown` for too few households to say.
    public var buildingLevels: [String: Int]
    /// The moment of the last evaluation, or nil before the first.
    public var evaluatedAt: Int64?
    /// Notices stored but not yet marked as written to the notice log.
    public var noticesPending: Int
    /// When retention was last applied (not counting dry runs), or nil if never.
    public var lastPurgeAt: Int64?

    /// The sources that delivered nothing for longer than `silentAfter` before `now`, by name.
    public func silentSources(at now: Int64, after silentAfter: TimeSpan) -> [String] {
        sources.filter { $0.lastIngestAt < now - silentAfter.seconds }.map(\.name)
    }

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
            // Subjects without a stored state are quietly green (households) or unknown (buildings).
            var residentLevels = ["green": 0, "amber": 0, "red": 0]
            var buildingLevels = ["green": 0, "amber": 0, "red": 0, "unknown": 0]
            for row in try Row.fetchAll(db, sql: "SELECT subject_type, coalesce(level, 'unknown'), count(*) FROM subject_state GROUP BY 1, 2") {
                if (row[0] as String) == "resident" { residentLevels[row[1], default: 0] += row[2] } else { buildingLevels[row[1], default: 0] += row[2] }
            }
            let residents = try Int.fetchOne(db, sql: "SELECT count(*) FROM resident") ?? 0
            let buildings = try Int.fetchOne(db, sql: "SELECT count(*) FROM building") ?? 0
            residentLevels["green", default: 0] += max(0, residents - residentLevels.values.reduce(0, +))
            buildingLevels["unknown", default: 0] += max(0, buildings - buildingLevels.values.reduce(0, +))
            let pageCount = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return StoreStatistics(
                signals: try Int.fetchOne(db, sql: "SELECT count(*) FROM signal") ?? 0,
                repeats: try Int.fetchOne(db, sql: "SELECT count(*) FROM signal WHERE is_repeat = 1") ?? 0,
                residents: residents,
                buildings: buildings,
                lastIngestAt: sources.map(\.lastIngestAt).max(),
                sources: sources,
                unfinishedRuns: try Int.fetchOne(db, sql: "SELECT count(*) FROM ingest_run WHERE finished_at IS NULL") ?? 0,
                databaseBytes: pageCount * pageSize,
                residentLevels: residentLevels, buildingLevels: buildingLevels,
                evaluatedAt: try Int64.fetchOne(db, sql: "SELECT evaluated_at FROM engine_clock WHERE id = 1"),
                noticesPending: try Int.fetchOne(db, sql: "SELECT count(*) FROM notice WHERE delivered_at IS NULL") ?? 0,
                lastPurgeAt: try Int64.fetchOne(db, sql: "SELECT max(at) FROM purge_run WHERE dry_run = 0 AND finished_at IS NOT NULL"))
        }
    }
}
