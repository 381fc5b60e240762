import Foundation
import GRDB
import WaakvlamCore
import WaakvlamRules

extension AppDatabase {
    static func insert(_ notice: Notice, changeID: Int64?, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO notice (at, kind, subject_type, subject_id, subject_ref, from_level, to_level, score, rules, signals, route, rung, deadline, change_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            notice.at, notice.kind.rawValue, notice.subjectType, notice.subjectID, notice.subjectReference, notice.from?.rawValue, notice.to?.rawValue,
            notice.score, JSONText.array(notice.rules), JSONText.array(notice.signals), notice.route, notice.rung, notice.deadline, changeID,
        ])
    }

    /// Delivered notices after `id`, oldest first (what `tail` shows).
    public func notices(after id: Int64, limit: Int = 10_000) throws -> [Notice] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.noticeColumns) FROM notice WHERE id > ? AND delivered_at IS NOT NULL ORDER BY id LIMIT ?",
                             arguments: [id, limit]).map(Self.notice)
        }
    }

    /// Every notice after `id`, delivered or not, oldest first: what follows the notice log's last
    /// line, and what a subscriber's backlog may show (``notices(after:limit:)`` has only delivered ones).
    public func storedNotices(after id: Int64, limit: Int = 10_000) throws -> [Notice] {
        try writer.read { db in
            // Cached: on the path of every notice, where preparing the statement anew showed up.
            let statement = try db.cachedStatement(sql: "SELECT \(Self.noticeColumns) FROM notice WHERE id > ? ORDER BY id LIMIT ?")
            return try Row.fetchAll(statement, arguments: [id, limit]).map(Self.notice)
        }
    }

    /// Marks notices up to and including `id` as written to the notice log.
    /// Notices are marked in id order, so those up to `after` are marked already: the bound keeps
    /// the update to the new ones instead of walking every notice ever raised.
    public func markNoticesDelivered(after marked: Int64, through id: Int64, at moment: Int64) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE notice SET delivered_at = ? WHERE id > ? AND id <= ? AND delivered_at IS NULL", arguments: [moment, marked, id])
        }
    }

    private static let noticeColumns = "id, at, kind, subject_type, subject_id, subject_ref, from_level, to_level, score, rules, signals, route, rung, deadline"

    private static func notice(_ row: Row) -> Notice {
        Notice(id: row[0], at: row[1], kind: NoticeKind(rawValue: row[2]) ?? .escalation, subjectType: row[3], subjectID: row[4],
               subjectReference: row[5], from: (row[6] as String?).flatMap(Level.init(rawValue:)), to: (row[7] as String?).flatMap(Level.init(rawValue:)),
               score: row[8], rules: jsonStrings(row[9]), signals: jsonStrings(row[10]), route: row[11], rung: row[12], deadline: row[13])
    }

    /// The texts of a JSON array column (rules, signals); empty for anything else.
    static func jsonStrings(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}

extension AppDatabase {
    /// The highest id of a delivered notice, 0 when none.
    public func lastDeliveredNoticeID() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM notice WHERE delivered_at IS NOT NULL") ?? 0 }
    }

    /// The id of the last notice stored, delivered or not (0 when there is none).
    public func lastNoticeID() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM notice") ?? 0 }
    }
}

extension AppDatabase {
    /// When each household's latest reminder was raised.
    public func latestReminders() throws -> [Int64: Int64] {
        try writer.read { db in
            var latest: [Int64: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT subject_id, max(at) FROM notice WHERE kind = 'reminder' GROUP BY subject_id") {
                latest[row[0]] = row[1]
            }
            return latest
        }
    }

    /// Stores notices that belong to no level change (reminders), in one transaction.
    public func saveNotices(_ notices: [Notice]) throws {
        guard !notices.isEmpty else { return }
        try writer.write { db in
            for notice in notices { try Self.insert(notice, changeID: nil, db) }
        }
    }
}
