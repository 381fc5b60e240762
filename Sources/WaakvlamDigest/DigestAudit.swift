import Foundation
import GRDB
import WaakvlamStore

/// Records each rendering of a digest in the `audit` table: a digest names households.
public enum DigestAudit {
    /// The audit subject: "team X date D" or "all teams date D".
    public static func subject(team: String?, day: some CustomStringConvertible) -> String {
        team.map { "team \($0) date \(day)" } ?? "all teams date \(day)"
    }

    /// Writes one audit row with action `digest`.
    public static func record(in database: AppDatabase, at moment: Int64, who: String = Operator.name, subject: String) throws {
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO audit (at, who, action, subject) VALUES (?, ?, 'digest', ?)", arguments: [moment, who, subject])
        }
    }
}
