import GRDB
import WaakvlamCore

/// A building at amber or red as `subject_state` holds it, with its level history.
struct DigestBuildingRow {
    var id: Int64
    var reference: String
    var name: String?
    var neighbourhood: String?
    var level: Level
    var since: Int64
    var measures: [String]

    /// Buildings whose stored level is amber or red, red first, then by reference.
    static func concerning(_ db: Database) throws -> [DigestBuildingRow] {
        try Row.fetchAll(db, sql: """
            SELECT b.id, b.ref, b.name, b.neighbourhood, st.level, st.since, st.rules
            FROM subject_state st JOIN building b ON b.id = st.subject_id
            WHERE st.subject_type = 'building' AND st.level IN ('amber', 'red')
            ORDER BY CASE st.level WHEN 'red' THEN 0 ELSE 1 END, b.ref
            """).compactMap { row in
            guard let level = Level(rawValue: row[4]) else { return nil }
            let rules: String = row[6]
            return DigestBuildingRow(id: row[0], reference: row[1], name: row[2], neighbourhood: row[3], level: level, since: row[5],
                                     measures: rules.split(separator: ",").map(String.init))
        }
    }

    /// The level at each instant of `ends` (ascending), from the building's level changes; nil before the first or where unknown.
    static func levels(_ db: Database, building id: Int64, at ends: [Int64]) throws -> [Level?] {
        guard let last = ends.last else { return [] }
        let changes = try Row.fetchAll(db, sql: """
            SELECT at, to_level FROM level_change WHERE subject_type = 'building' AND subject_id = ? AND at <= ? ORDER BY at, id
            """, arguments: [id, last]).map { (at: $0[0] as Int64, level: ($0[1] as String?).flatMap(Level.init(rawValue:))) }
        var index = 0
        var current: Level?
        return ends.map { end in
            while index < changes.count, changes[index].at <= end {
                current = changes[index].level
                index += 1
            }
            return current
        }
    }
}
