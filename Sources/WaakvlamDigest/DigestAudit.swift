import Foundation
import GRDB
import WaakvlamStore

/// Records each rendering of a digest in the `audit` table: a digest names households.
public enum DigestAudit {
    /// The user running this process: `$USER`, else the numeric uid.
    public static var currentUser: String {
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        return "uid \(getuid())"
    }

    /// The audit subject: "team X date D" or "all teams date D".
    public static func subject(team: String?, day: some CustomStringConvertible) -> String {
        team.map { "team \($0) date \(day)" } ?? "all teams date \(day)"
    }

    /// Writes one audit row with action `digest`.
    public static func record(in database: AppDatabase, at moment: Int64, who: String = currentUser, subject: String) throws {
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO audit (at, who, action, subject) VALUES (?, ?, 'digest', ?)", arguments: [moment, who, subject])
        }
    }
}
