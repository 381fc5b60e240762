import Foundation
import GRDB
import WaakvlamCore
import WaakvlamRules

extension AppDatabase {
    /// What an acknowledgement did.
    public struct Acknowledgement: Sendable, Equatable {
        /// Notices acknowledged: the one named and the open notices of the same case before it.
        public var acknowledged: [Int64]
        /// Feedback notices raised for the reporters of the complaints behind it.
        public var feedback: [Int64]
    }

    /// Acknowledges notice `id`: someone is following it up. The open escalation and overdue
    /// notices of the same subject up to it are acknowledged with it (they are one case). When
    /// neighbours' complaints are behind it, each reporter's channel gets a feedback notice that
    /// says it is being followed up — and nothing about the resident; `reporterReference` says
    /// how it names the reporter (a keyed pseudonym in the daemon, see `feedback_reporters`).
    public func acknowledge(notice id: Int64, by who: String, note: String?, at moment: Int64,
                            nuisanceTypes: Set<String>, feedbackRoute: String,
                            reporterReference: @escaping @Sendable (String) -> String = { $0 }) throws -> Acknowledgement {
        try Self.checkAccount(who)
        if let note, note.count > 280 { throw FollowUpError("a note is at most 280 characters") }
        return try writer.write { db in
            let row = try Self.openable(id, db)
            let subjectType: String = row["subject_type"], subjectID: Int64 = row["subject_id"]
            guard row["acked_at"] as Int64? == nil else { throw FollowUpError("notice \(id) was already acknowledged by \(row["acked_by"] as String? ?? "someone")") }
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM notice WHERE subject_type = ? AND subject_id = ? AND id <= ? AND kind IN ('escalation', 'overdue')
                AND acked_at IS NULL AND resolved_at IS NULL
                """, arguments: [subjectType, subjectID, id])
            let acknowledged = Array(Set(ids + [id])).sorted()
            try db.execute(sql: "UPDATE notice SET acked_at = ?, acked_by = ?, ack_note = ? WHERE id IN (\(acknowledged.map(String.init).joined(separator: ",")))",
                           arguments: [moment, who, note])
            // The reporters of the complaints behind every acknowledged notice.
            var references: Set<String> = []
            for notice in acknowledged {
                let text = try String.fetchOne(db, sql: "SELECT signals FROM notice WHERE id = ?", arguments: [notice]) ?? "[]"
                references.formUnion(Self.jsonStrings(text))
            }
            var reporters: Set<String> = []
            let lookup = try db.cachedStatement(sql: """
                SELECT s.type, s.reporter FROM signal s JOIN source src ON src.id = s.source_id WHERE src.name = ? AND s.external_id = ?
                """)
            for reference in references {
                guard let colon = reference.firstIndex(of: ":") else { continue }
                let source = String(reference[..<colon]), external = String(reference[reference.index(after: colon)...])
                if let found = try Row.fetchOne(lookup, arguments: [source, external]), nuisanceTypes.contains(found[0]), let reporter = found[1] as String? {
                    reporters.insert(reporter)
                }
            }
            var feedback: [Int64] = []
            for reporter in reporters.sorted() {
                try Self.insert(Notice(at: moment, kind: .feedback, subjectType: "reporter", subjectID: 0, subjectReference: reporterReference(reporter),
                                  from: nil, to: nil, score: 0, rules: [], signals: [], route: feedbackRoute, deadline: nil), changeID: nil, db)
                feedback.append(db.lastInsertedRowID)
            }
            return Acknowledgement(acknowledged: acknowledged, feedback: feedback)
        }
    }

    /// Puts notice `id` off until `until` with a reason; it does not go overdue before then,
    /// unless a safety signal about the subject arrives after the snooze.
    public func snooze(notice id: Int64, until: Int64, reason: String, at moment: Int64, longest: TimeSpan) throws {
        guard !reason.isEmpty, reason.count <= 280 else { throw FollowUpError("a snooze needs a reason of at most 280 characters") }
        guard until > moment else { throw FollowUpError("a snooze must end in the future") }
        guard until - moment <= longest.seconds else { throw FollowUpError("a notice can be snoozed for at most \(longest)") }
        try writer.write { db in
            _ = try Self.openable(id, db)
            try db.execute(sql: "UPDATE notice SET snoozed_at = ?, snoozed_until = ?, snooze_reason = ? WHERE id = ?", arguments: [moment, until, reason, id])
        }
    }

    /// Closes the follow-up of notice `id` and of the open notices of the same subject up to it.
    @discardableResult
    public func resolve(notice id: Int64, by who: String?, at moment: Int64) throws -> [Int64] {
        if let who { try Self.checkAccount(who) }
        return try writer.write { db in
            let row = try Self.openable(id, db)
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM notice WHERE subject_type = ? AND subject_id = ? AND id <= ? AND resolved_at IS NULL AND kind IN ('escalation', 'overdue')
                """, arguments: [row["subject_type"] as String, row["subject_id"] as Int64, id])
            let resolved = Array(Set(ids + [id])).sorted()
            try db.execute(sql: "UPDATE notice SET resolved_at = ?, resolved_by = ? WHERE id IN (\(resolved.map(String.init).joined(separator: ",")))",
                           arguments: [moment, who])
            return resolved
        }
    }

    /// Records a contact attempt with household `reference`.
    public func recordContact(resident reference: String, method: String, reached: Bool, by who: String?, note: String?, at moment: Int64) throws {
        guard ["visit", "phone", "letter"].contains(method) else { throw FollowUpError("method must be visit, phone or letter") }
        if let who { try Self.checkAccount(who) }
        if let note, note.count > 280 { throw FollowUpError("a note is at most 280 characters") }
        try writer.write { db in
            guard let resident = try Int64.fetchOne(db, sql: "SELECT id FROM resident WHERE ref = ?", arguments: [reference]) else {
                throw FollowUpError("no household '\(reference)' is known")
            }
            try db.execute(sql: "INSERT INTO contact (resident_id, at, method, reached, by, note) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [resident, moment, method, reached, who, note])
        }
    }

    /// Records that `who` did `action` on `subject` (every read of a person's details, every digest).
    public func audit(who: String, action: String, subject: String, at moment: Int64) throws {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO audit (at, who, action, subject) VALUES (?, ?, ?, ?)", arguments: [moment, who, action, subject])
        }
    }

    /// Refuses a `by` that is no account name (``AccountName``): the audit and the notices keep it.
    private static func checkAccount(_ who: String) throws {
        if let problem = AccountName.problem(with: who) { throw FollowUpError("by: \(problem)") }
    }

    /// The notice row, or an error saying why it cannot be followed up.
    private static func openable(_ id: Int64, _ db: Database) throws -> Row {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM notice WHERE id = ?", arguments: [id]) else {
            throw FollowUpError("no notice \(id)")
        }
        guard ["escalation", "overdue", "reminder"].contains(row["kind"] as String) else {
            throw FollowUpError("notice \(id) is a \(row["kind"] as String) notice: there is nothing to follow up")
        }
        guard row["resolved_at"] as Int64? == nil else { throw FollowUpError("notice \(id) is already resolved") }
        return row
    }
}
