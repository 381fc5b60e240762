import Foundation
import Testing
import WaakvlamCore
import WaakvlamStore
import WaakvlamTesting

/// Retention in the store: what `AppDatabase.purge` deletes, keeps and records.
@Suite("Purge") struct PurgeTests {
    let directory = TemporaryDirectory()

    /// 2026-11-23T12:00:00Z.
    static let now: Int64 = 1_795_435_200
    static let day: Int64 = 86_400
    /// Signals before T-400d, households moved out on or before 2026-05-23, notices and audit before T-700d.
    static let cutoffs = PurgeCutoffs(signalsBefore: now - 400 * day, movedOutThrough: LocalDate(year: 2026, month: 5, day: 23)!,
                                      noticesBefore: now - 700 * day, auditBefore: now - 700 * day)

    /// A store with one source and one building.
    func store() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try database.execute("""
            INSERT INTO source (id, name, first_seen_at, last_ingest_at) VALUES (1, 'crm', 0, 0);
            INSERT INTO building (id, ref, created_at, updated_at) VALUES (1, 'B1', 0, 0);
            """)
        return database
    }

    func resident(_ database: AppDatabase, _ id: Int, movedIn: String? = "2019-01-01", movedOut: String?) throws {
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO resident (id, ref, building_id, moved_in, moved_out, created_at, updated_at) VALUES (?, ?, 1, ?, ?, 0, 0)",
                           arguments: [id, "H\(id)", movedIn, movedOut])
            try db.execute(sql: "INSERT INTO registry_history (resident_id, building_id, moved_in, moved_out, recorded_at) VALUES (?, 1, ?, ?, 0)",
                           arguments: [id, movedIn, movedOut])
        }
    }

    @discardableResult
    func signal(_ database: AppDatabase, resident: Int?, at moment: Int64) throws -> Int {
        try database.writer.write { db in
            let next = (try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM signal")) ?? 1
            try db.execute(sql: """
                INSERT INTO signal (id, source_id, external_id, type, occurred_at, date_only, resident_id, building_id, received_at)
                VALUES (?, 1, ?, 'overlast.geluid', ?, 0, ?, ?, 0)
                """, arguments: [next, "s\(next)", moment, resident, resident == nil ? 1 : nil])
            return next
        }
    }

    /// A notice; `delivered`, `acked`, `resolved` are moments or nil; `deadline` makes it a case notice.
    @discardableResult
    func notice(_ database: AppDatabase, subject: (String, Int), at moment: Int64, delivered: Int64? = nil, acked: Int64? = nil,
                resolved: Int64? = nil, deadline: Int64? = nil, change: Int? = nil, parent: Int? = nil) throws -> Int {
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO notice (at, kind, subject_type, subject_id, subject_ref, score, rules, signals, route, deadline, change_id, parent_id, delivered_at, acked_at, resolved_at)
                VALUES (?, 'escalation', ?, ?, 'X', 1, '[]', '[]', 'team', ?, ?, ?, ?, ?, ?)
                """, arguments: [moment, subject.0, subject.1, deadline, change, parent, delivered, acked, resolved])
            return Int(db.lastInsertedRowID)
        }
    }

    func levelChange(_ database: AppDatabase, subject: (String, Int), at moment: Int64) throws -> Int {
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO level_change (subject_type, subject_id, at, to_level, score, rules, signals) VALUES (?, ?, ?, 'amber', 1, '[]', '[]')",
                           arguments: [subject.0, subject.1, moment])
            return Int(db.lastInsertedRowID)
        }
    }

    func instant(_ text: String) -> Int64 {
        guard case .instant(let seconds) = Moment(parsing: text) else { fatalError("not an instant: \(text)") }
        return seconds
    }

    func purge(_ database: AppDatabase, dryRun: Bool = false) throws -> PurgeCounts {
        try database.purge(Self.cutoffs, at: Self.now, dryRun: dryRun, trigger: .command, who: "anna", batchSize: 3)
    }

    @Test func givenSignalsOneSecondEitherSideOfTheCutoff_whenPurged_thenOnlyTheOlderAreDeleted() throws {
        let database = try store()
        try resident(database, 1, movedOut: nil)
        for offset: Int64 in [-100, -1] { try signal(database, resident: 1, at: Self.cutoffs.signalsBefore + offset) }
        try signal(database, resident: nil, at: Self.cutoffs.signalsBefore - 1)
        for offset: Int64 in [0, 1] { try signal(database, resident: 1, at: Self.cutoffs.signalsBefore + offset) }
        try signal(database, resident: nil, at: Self.cutoffs.signalsBefore)
        let counts = try purge(database)
        #expect(counts.signals == 3)
        #expect(counts.households == 0)
        #expect(try database.integer("SELECT count(*) FROM signal WHERE occurred_at >= ?", [Self.cutoffs.signalsBefore]) == 3)
        #expect(try database.integer("SELECT count(*) FROM signal") == 3)
    }

    @Test func givenHouseholdsMovedOutOnTheCutoffDayAndTheDayAfter_whenPurged_thenTheFirstIsDeletedWholeAndTheSecondKept() throws {
        let database = try store()
        try resident(database, 1, movedOut: "2026-05-23")
        try resident(database, 2, movedOut: "2026-05-24")
        try resident(database, 3, movedIn: "2026-06-01", movedOut: "2026-01-01")   // moved back in
        try resident(database, 4, movedOut: nil)
        for id in 1...4 { try signal(database, resident: id, at: Self.now - 10 * Self.day) }
        let change = try levelChange(database, subject: ("resident", 1), at: Self.now - 300 * Self.day)
        try notice(database, subject: ("resident", 1), at: Self.now - 300 * Self.day, delivered: Self.now - 300 * Self.day, acked: Self.now - 299 * Self.day,
                   deadline: Self.now - 290 * Self.day, change: change)
        try database.execute("""
            INSERT INTO contact (resident_id, at, method, reached) VALUES (1, 0, 'visit', 1);
            INSERT INTO subject_state (subject_type, subject_id, level, since, score, rules, peak, rule_since, evaluated_at) VALUES ('resident', 1, 'amber', 0, 1, '[]', 'amber', '{}', 0);
            """)
        let counts = try purge(database)
        var expected = PurgeCounts()
        expected.households = 1; expected.signals = 1; expected.registryEntries = 1; expected.contacts = 1
        expected.subjectStates = 1; expected.levelChanges = 1; expected.notices = 1
        #expect(counts == expected)
        #expect(try database.texts("SELECT ref FROM resident ORDER BY id") == ["H2", "H3", "H4"])
        #expect(try database.integer("SELECT count(*) FROM signal") == 3)
    }

    @Test func givenAMovedOutHouseholdWithAnOpenOrUndeliveredNotice_whenPurged_thenItIsKeptWhole() throws {
        let database = try store()
        try resident(database, 1, movedOut: "2025-01-01")
        try resident(database, 2, movedOut: "2025-01-01")
        try notice(database, subject: ("resident", 1), at: Self.now - 800 * Self.day, delivered: Self.now - 800 * Self.day, deadline: Self.now - 790 * Self.day)
        try notice(database, subject: ("resident", 2), at: Self.now - 800 * Self.day)
        let counts = try purge(database)
        #expect(counts.households == 0)
        #expect(counts.notices == 0)
        #expect(try database.integer("SELECT count(*) FROM resident") == 2)
        #expect(try database.integer("SELECT count(*) FROM notice") == 2)
    }

    @Test func givenNoticesEitherSideOfTheCutoff_whenPurged_thenOnlyClosedDeliveredOlderOnesOfClosedCasesGo() throws {
        let database = try store()
        let old = Self.cutoffs.noticesBefore - 1
        try resident(database, 1, movedOut: nil)
        try resident(database, 2, movedOut: nil)
        // Household 1: a closed case, resolved one second before and at the cutoff.
        let parent = try notice(database, subject: ("resident", 1), at: old - Self.day, delivered: old - Self.day, resolved: old, deadline: old)
        try notice(database, subject: ("resident", 1), at: old - Self.day, delivered: old - Self.day, resolved: Self.cutoffs.noticesBefore, deadline: old, parent: parent)
        // Household 2: an old closed notice, but the case has an open one.
        try notice(database, subject: ("resident", 2), at: old - Self.day, delivered: old - Self.day, acked: old, deadline: old)
        try notice(database, subject: ("resident", 2), at: old, delivered: old, deadline: old)
        // An undelivered old notice without deadline, and a delivered one of a building.
        try notice(database, subject: ("building", 1), at: old, delivered: nil)
        try notice(database, subject: ("building", 2), at: old, delivered: old)
        // Level changes: one named by a kept notice, one by a deleted one, one by none.
        let named = try levelChange(database, subject: ("resident", 2), at: old)
        try database.execute("UPDATE notice SET change_id = \(named) WHERE subject_id = 2 AND acked_at IS NULL AND subject_type = 'resident'")
        let unnamed = try levelChange(database, subject: ("resident", 1), at: old)
        try database.execute("UPDATE notice SET change_id = \(unnamed) WHERE id = \(parent)")
        _ = try levelChange(database, subject: ("resident", 1), at: old)
        _ = try levelChange(database, subject: ("resident", 1), at: Self.cutoffs.noticesBefore)
        let dry = try purge(database, dryRun: true)
        let counts = try purge(database)
        #expect(counts.notices == 2)   // household 1's parent notice and the building's
        #expect(counts.levelChanges == 2)
        #expect(dry == counts)
        #expect(try database.integer("SELECT count(*) FROM notice WHERE parent_id IS NOT NULL") == 0)
        #expect(try database.integer("SELECT count(*) FROM notice") == 4)
    }

    @Test func givenEveryKind_whenADryRunIsFollowedByAPurge_thenTheDryRunDeletedNothingAndCountedTheSame_andBothAreRecorded() throws {
        let database = try store()
        try resident(database, 1, movedOut: "2025-01-01")
        try resident(database, 2, movedOut: nil)
        for id in [1, 2] { try signal(database, resident: id, at: Self.now - 900 * Self.day) }
        try signal(database, resident: 2, at: Self.now)
        try notice(database, subject: ("resident", 1), at: Self.now - 900 * Self.day, delivered: Self.now - 900 * Self.day)
        try notice(database, subject: ("resident", 2), at: Self.now - 900 * Self.day, delivered: Self.now - 900 * Self.day)
        try database.execute("INSERT INTO audit (at, who, action, subject) VALUES (\(Self.cutoffs.auditBefore - 1), 'b', 'explain', 'H2'), (\(Self.cutoffs.auditBefore), 'b', 'explain', 'H2')")
        let before = try database.integer("SELECT (SELECT count(*) FROM signal) + (SELECT count(*) FROM notice) + (SELECT count(*) FROM resident)")
        let dry = try purge(database, dryRun: true)
        #expect(try database.integer("SELECT (SELECT count(*) FROM signal) + (SELECT count(*) FROM notice) + (SELECT count(*) FROM resident)") == before)
        let counts = try purge(database)
        #expect(dry == counts)
        #expect(counts.households == 1 && counts.signals == 2 && counts.notices == 2 && counts.auditRecords == 1 && counts.registryEntries == 1)
        #expect(try database.integer("SELECT count(*) FROM purge_run WHERE finished_at IS NOT NULL") == 2)
        #expect(try database.texts("SELECT dry_run || ' ' || trigger || ' ' || who || ' ' || signals || ' ' || audit_records FROM purge_run ORDER BY id") == ["1 command anna 2 1", "0 command anna 2 1"])
        #expect(try database.texts("SELECT action FROM audit WHERE who = 'anna' ORDER BY id") == ["purge dry-run", "purge"])
        #expect(try database.lastPurge()?.counts == counts)
        // Nothing left to delete.
        #expect(try purge(database).total == 0)
    }

    @Test func givenTheRetentionPeriods_thenTheCutoffsCountCalendarMonthsInTheLocalZoneBeforeTheLookBack() throws {
        let calendar = try #require(LocalCalendar(identifier: "Europe/Amsterdam"))
        let now = instant("2026-11-23T09:00:00+01:00")
        let cutoffs = PurgeCutoffs(retention: .defaults, lookBack: .days(365), calendar: calendar, now: now)
        // 18 months earlier is 2025-05-23T09:00+02:00 (summer time).
        #expect(cutoffs.signalsBefore == instant("2025-05-23T09:00:00+02:00") - 365 * Self.day)
        #expect(cutoffs.movedOutThrough == LocalDate(year: 2026, month: 5, day: 23))
        #expect(cutoffs.noticesBefore == instant("2024-11-23T09:00:00+01:00"))
        // At local midnight, the moving-out day six months back has only just begun: it stays.
        let midnight = instant("2026-11-23T00:00:00+01:00")
        #expect(PurgeCutoffs(retention: .defaults, lookBack: .days(365), calendar: calendar, now: midnight).movedOutThrough == LocalDate(year: 2026, month: 5, day: 22))
        #expect(PurgeCutoffs(retention: .defaults, lookBack: .days(365), calendar: calendar, now: midnight + 1).movedOutThrough == LocalDate(year: 2026, month: 5, day: 23))
    }

    @Test func givenAFileStore_whenTheSameVolumeIsIngestedAndPurgedFiveTimes_thenTheFileStaysTheSameSize() throws {
        let path = directory.file("cycles.sqlite")
        let database = try AppDatabase.open(path: path)
        defer { try? database.close() }
        try database.execute("""
            INSERT INTO source (id, name, first_seen_at, last_ingest_at) VALUES (1, 'crm', 0, 0);
            INSERT INTO building (id, ref, created_at, updated_at) VALUES (1, 'B1', 0, 0);
            """)
        var sizes: [Int] = []
        for cycle in 0..<5 {
            try database.writer.write { db in
                for index in 0..<10_000 {
                    try db.execute(sql: """
                        INSERT INTO signal (source_id, external_id, type, occurred_at, date_only, building_id, note, received_at)
                        VALUES (1, ?, 'overlast.geluid', ?, 0, 1, 'een korte notitie van de melder', 0)
                        """, arguments: ["c\(cycle)-\(index)", Self.now - 900 * Self.day])
                }
            }
            #expect(try database.purge(Self.cutoffs, at: Self.now, dryRun: false, trigger: .daemon, who: "waakvlam", batchSize: 500).signals == 10_000)
            try database.checkpoint()
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            sizes.append((attributes[.size] as? Int) ?? 0)
        }
        #expect(sizes[4] <= sizes[0] * 11 / 10, "\(sizes)")
        #expect(try database.integer("PRAGMA auto_vacuum") == 2)
    }
}
