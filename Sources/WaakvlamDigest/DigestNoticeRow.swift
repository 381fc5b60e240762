import Foundation
import GRDB
import WaakvlamCore

/// A notice row as the digest reads it.
struct DigestNoticeRow {
    var id: Int64
    var at: Int64
    var kind: String
    var reference: String
    var from: Level?
    var to: Level?
    var score: Double
    var rules: [String]
    var signals: [String]
    var route: String
    var rung: Int
    var deadline: Int64?

    static let columns = "n.id, n.at, n.kind, n.subject_ref, n.from_level, n.to_level, n.score, n.rules, n.signals, n.route, n.rung, n.deadline"

    /// Resident notices of `kinds` raised within `start...end`, oldest first.
    static func raised(_ db: Database, kinds: [String], from start: Int64, to end: Int64) throws -> [DigestNoticeRow] {
        let marks = kinds.map { _ in "?" }.joined(separator: ", ")
        return try Row.fetchAll(db, sql: """
            SELECT \(columns) FROM notice n
            WHERE n.at BETWEEN ? AND ? AND n.kind IN (\(marks)) AND n.subject_type = 'resident'
            ORDER BY n.at, n.id
            """, arguments: StatementArguments([start, end] as [Int64]) + StatementArguments(kinds)).map(Self.init)
    }

    /// Escalation and overdue notices whose deadline passed by `end`, still open at `end`: not acknowledged,
    /// resolved or snoozed past it, and not already carried up a rung by a later overdue notice.
    /// A notice that climbed is listed by its newest rung: the case is overdue even while that
    /// rung's own deadline still runs.
    static func overdue(_ db: Database, by end: Int64) throws -> [DigestNoticeRow] {
        try Row.fetchAll(db, sql: """
            SELECT \(columns) FROM notice n
            WHERE n.kind IN ('escalation', 'overdue') AND n.at <= ?
              AND (n.kind = 'overdue' OR (n.deadline IS NOT NULL AND n.deadline <= ?))
              AND (n.acked_at IS NULL OR n.acked_at > ?) AND (n.resolved_at IS NULL OR n.resolved_at > ?)
              AND (n.snoozed_until IS NULL OR n.snoozed_until <= ?)
              AND NOT EXISTS (SELECT 1 FROM notice c WHERE c.parent_id = n.id AND c.at <= ?)
            ORDER BY n.deadline, n.id
            """, arguments: [end, end, end, end, end, end]).map(Self.init)
    }

    init(row: Row) {
        id = row[0]
        at = row[1]
        kind = row[2]
        reference = row[3]
        from = (row[4] as String?).flatMap(Level.init(rawValue:))
        to = (row[5] as String?).flatMap(Level.init(rawValue:))
        score = row[6]
        rules = Self.strings(row[7])
        signals = Self.strings(row[8])
        route = row[9]
        rung = row[10]
        deadline = row[11]
    }

    private static func strings(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
