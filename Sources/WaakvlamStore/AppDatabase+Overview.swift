import GRDB

/// What the store holds, in the rough shape a first look needs (the demo, before levels exist).
public struct StoreOverview: Sendable, Equatable {
    /// Signals per type code.
    public var signalsByType: [String: Int]
    /// Buildings with their dwellings, households, households from sheltered housing, shelter or clinic,
    /// and nuisance signals since the cut-off.
    public var buildings: [BuildingFigures]
    /// For each household with signals since the cut-off: its reference and the distinct types, repeats excluded.
    public var recentTypesByResident: [String: Set<String>]

    /// One building's figures.
    public struct BuildingFigures: Sendable, Equatable {
        /// Building reference.
        public var ref: String
        /// Its name, if registered.
        public var name: String?
        /// Dwellings, if registered.
        public var units: Int?
        /// Households registered in it.
        public var households: Int
        /// Of which came from BW, MO or a clinic.
        public var fromCare: Int
        /// Nuisance signals (types starting with `overlast.`) since the cut-off, about its households or itself.
        public var recentNuisance: Int
    }
}

extension AppDatabase {
    /// Figures since `since` (seconds since the epoch).
    public func overview(since: Int64) throws -> StoreOverview {
        try writer.read { db in
            var byType: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT type, count(*) FROM signal GROUP BY type") {
                byType[row[0]] = row[1]
            }
            let buildings = try Row.fetchAll(db, sql: """
                SELECT b.ref, b.name, b.units,
                       (SELECT count(*) FROM resident r WHERE r.building_id = b.id AND r.moved_out IS NULL) AS households,
                       (SELECT count(*) FROM resident r WHERE r.building_id = b.id AND r.moved_out IS NULL
                            AND r.origin IN ('bw', 'mo', 'kliniek')) AS from_care,
                       (SELECT count(*) FROM signal s
                            LEFT JOIN resident r ON r.id = s.resident_id
                            WHERE (s.building_id = b.id OR r.building_id = b.id)
                              AND s.type LIKE 'overlast.%' AND s.occurred_at >= ?) AS nuisance
                FROM building b
                """, arguments: [since]).map {
                StoreOverview.BuildingFigures(ref: $0["ref"], name: $0["name"], units: $0["units"], households: $0["households"],
                                              fromCare: $0["from_care"], recentNuisance: $0["nuisance"])
            }
            var types: [String: Set<String>] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT DISTINCT r.ref, s.type FROM signal s JOIN resident r ON r.id = s.resident_id
                WHERE s.occurred_at >= ? AND s.is_repeat = 0
                """, arguments: [since])
            while let row = try rows.next() {
                types[row[0], default: []].insert(row[1])
            }
            return StoreOverview(signalsByType: byType, buildings: buildings, recentTypesByResident: types)
        }
    }
}
