import GRDB
import Testing
import WaakvlamRules
@testable import WaakvlamStore

/// Migration v6 rebuilds the notice table to take rule-change summaries: every notice keeps
/// its id and fields, and ids go on increasing after the highest ever given.
@Suite struct NoticeMigrationTests {
    @Test func givenAStoreAtV5WithNotices_whenMigrated_thenNoticesKeepTheirIds_andNewIdsFollowTheHighestEverGiven() throws {
        let queue = try DatabaseQueue()
        try DatabaseSchema.migrator.migrate(queue, upTo: "v5: purge runs")
        try queue.write { db in
            for id in 1...3 {
                try db.execute(sql: """
                    INSERT INTO notice (id, at, kind, subject_type, subject_id, subject_ref, score, rules, signals, route, acked_by)
                    VALUES (?, 100, 'escalation', 'resident', 7, 'H7', 9.5, '["hennep"]', '[]', 'noord', ?)
                    """, arguments: [id, id == 2 ? "anna" : nil])
            }
            // The highest id ever given was 5: notices 4 and 5 were deleted (retention).
            try db.execute(sql: "UPDATE sqlite_sequence SET seq = 5 WHERE name = 'notice'")
        }
        let database = try AppDatabase(queue)
        let kept = try queue.read { db in try Row.fetchAll(db, sql: "SELECT id, acked_by, subject_ref FROM notice ORDER BY id") }
        #expect(kept.map { $0[0] as Int64 } == [1, 2, 3])
        #expect(kept[1][1] as String? == "anna")
        let summary = Notice(at: 200, kind: .ruleChange, subjectType: "team", subjectID: 0, subjectReference: "noord", from: nil, to: nil,
                             score: 2, rules: [], signals: ["resident:H7:green>amber"], route: "noord", deadline: nil)
        try database.saveNotices([summary])
        #expect(try database.lastNoticeID() == 6)
        #expect(try database.storedNotices(after: 5).map(\.kind) == [.ruleChange])
    }
}
