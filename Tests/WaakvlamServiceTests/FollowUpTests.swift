import Foundation
import GRDB
import Testing
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamRules
import WaakvlamService
import WaakvlamStore
import WaakvlamTesting

/// Following notices up: acknowledgement with feedback to reporters, the overdue ladder, snoozes, resolution, contacts.
@Suite struct FollowUpTests {
    let directory = TemporaryDirectory()
    let now = TestEnvironment.now   // 2026-11-23, a Monday
    let day: Int64 = 86_400

    func ingest(_ environment: WaakvlamEnvironment, _ text: String, at moment: Int64) throws {
        let report = try environment.ingestor.ingest(Ingestor.Input(source: MemorySource(text), name: "feed.csv", channel: .command), now: moment)
        #expect(report.isClean, "\(report.problems)")
    }

    func notices(_ environment: WaakvlamEnvironment) throws -> [Row] {
        try environment.database.writer.read { try Row.fetchAll($0, sql: "SELECT * FROM notice ORDER BY id") }
    }

    /// Three neighbours complain about H1: amber by rule `meerdere_melders`, with an escalation notice.
    func amberFromComplaints() throws -> (WaakvlamEnvironment, LevelKeeper, Int64) {
        let environment = try TestEnvironment.make(in: directory)
        try ingest(environment, """
            source,id,type,occurred_at,resident,reporter
            corporatie,1,overlast.geluid,2026-11-20,H1,N1
            corporatie,2,overlast.geluid,2026-11-21,H1,N2
            corporatie,3,overlast.geluid,2026-11-22,H1,N3
            """, at: now)
        let keeper = try environment.openLevels(at: now)
        try keeper.evaluateAll(at: now)
        let escalation = try #require(try notices(environment).first { $0["kind"] == "escalation" })
        return (environment, keeper, escalation["id"])
    }

    @Test func givenAnEscalationFromComplaints_whenAcknowledged_thenEachReporterHearsOfItAndNothingAboutTheResident() throws {
        let (environment, _, id) = try amberFromComplaints()
        let done = try environment.database.acknowledge(notice: id, by: "anna", note: "visit planned", at: now + 60,
                                                        nuisanceTypes: ["overlast.geluid"], feedbackRoute: "meldpunt")
        #expect(done.acknowledged == [id])
        #expect(done.feedback.count == 3)
        let feedback = try notices(environment).filter { $0["kind"] == "feedback" }
        #expect(feedback.map { $0["subject_ref"] as String } == ["N1", "N2", "N3"])
        for row in feedback {
            #expect(row["route"] == "meldpunt")
            #expect(row["subject_type"] == "reporter")
            #expect(row["rules"] == "[]")
            #expect(row["signals"] == "[]")
            #expect(row["to_level"] as String? == nil)
        }
        #expect(throws: FollowUpError.self) {
            try environment.database.acknowledge(notice: id, by: "bert", note: nil, at: now + 120, nuisanceTypes: [], feedbackRoute: "meldpunt")
        }
    }

    @Test func givenAnUnacknowledgedAmber_whenItsDeadlinesPass_thenItClimbsEachRungOnceAndStopsAtTheTop() throws {
        let (environment, keeper, id) = try amberFromComplaints()
        let deadline: Int64 = try #require(try notices(environment).first { $0["id"] == id }?["deadline"])
        try keeper.evaluateAll(at: deadline)   // not yet past
        #expect(try notices(environment).filter { $0["kind"] == "overdue" }.isEmpty)
        try keeper.evaluateAll(at: deadline + 1)
        var overdue = try notices(environment).filter { $0["kind"] == "overdue" }
        #expect(overdue.count == 1)
        #expect(overdue.first?["rung"] == 1)
        #expect(overdue.first?["parent_id"] == id)
        try keeper.evaluateAll(at: deadline + 2)   // the same step again raises nothing twice
        #expect(try notices(environment).filter { $0["kind"] == "overdue" }.count == 1)
        let second: Int64 = try #require(overdue.first?["deadline"])
        try keeper.evaluateAll(at: second + 1)
        overdue = try notices(environment).filter { $0["kind"] == "overdue" }
        #expect(overdue.map { $0["rung"] as Int } == [1, 2])
        let third: Int64 = try #require(overdue.last?["deadline"])
        try keeper.evaluateAll(at: third + 1)
        #expect(try notices(environment).filter { $0["kind"] == "overdue" }.count == 2, "the regietafel is the top rung")
    }

    @Test func givenAnAcknowledgedNotice_whenItsDeadlinePasses_thenNothingClimbs() throws {
        let (environment, keeper, id) = try amberFromComplaints()
        _ = try environment.database.acknowledge(notice: id, by: "anna", note: nil, at: now + 60, nuisanceTypes: [], feedbackRoute: "meldpunt")
        try keeper.evaluateAll(at: now + 30 * day)
        #expect(try notices(environment).filter { $0["kind"] == "overdue" }.isEmpty)
    }

    @Test func givenASnooze_thenTheNoticeWaitsUntilItEnds_butASafetySignalBreaksThrough() throws {
        let (environment, keeper, id) = try amberFromComplaints()
        let deadline: Int64 = try #require(try notices(environment).first { $0["id"] == id }?["deadline"])
        #expect(throws: FollowUpError.self) {
            try environment.database.snooze(notice: id, until: now + 60 * day, reason: "op vakantie", at: now, longest: .days(28))
        }
        try environment.database.snooze(notice: id, until: deadline + 7 * day, reason: "bewoner is twee weken weg", at: now, longest: .days(28))
        try keeper.evaluateAll(at: deadline + day)
        #expect(try notices(environment).filter { $0["kind"] == "overdue" }.isEmpty)
        try ingest(environment, "source,id,type,occurred_at,resident\npolitie,9,veiligheid.politie,2026-12-08,H1\n", at: deadline + 2 * day)
        try keeper.catchUp(at: deadline + 2 * day)
        try keeper.evaluateAll(at: deadline + 2 * day)
        #expect(try notices(environment).filter { $0["kind"] == "overdue" }.count == 1)
    }

    @Test func givenAResolvedNotice_thenItCanNoLongerBeFollowedUp_andContactsNeedAKnownHousehold() throws {
        let (environment, keeper, id) = try amberFromComplaints()
        #expect(try environment.database.resolve(notice: id, by: "anna", at: now + 60) == [id])
        try keeper.evaluateAll(at: now + 30 * day)
        #expect(try notices(environment).filter { $0["kind"] == "overdue" }.isEmpty)
        #expect(throws: FollowUpError.self) { try environment.database.resolve(notice: id, by: nil, at: now + 120) }
        try environment.database.recordContact(resident: "H1", method: "visit", reached: true, by: "anna", note: nil, at: now + 60)
        #expect(throws: FollowUpError.self) {
            try environment.database.recordContact(resident: "NOBODY", method: "phone", reached: false, by: nil, note: nil, at: now)
        }
        #expect(try environment.database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM contact") } == 1)
    }

    @Test func givenAHouseholdInAftercare_thenACheckInReminderIsRaisedEachQuarterOnce_andNoneForOthers() throws {
        let environment = try TestEnvironment.make(in: directory)
        // H1 came from sheltered housing on 1 August 2026; H2 has lived there for years.
        try ingest(environment, """
            resident,building,origin,moved_in,neighbourhood
            H1,B1,bw,2026-08-01,NB03
            H2,B1,regulier,2015-01-01,NB03
            """, at: now)
        let keeper = try environment.openLevels(at: now)
        try keeper.evaluateAll(at: now)   // 23 November: 114 days in, the first check-in (91 days) is due
        var reminders = try notices(environment).filter { $0["kind"] == "reminder" }
        #expect(reminders.map { $0["subject_ref"] as String } == ["H1"])
        #expect(reminders.first?["route"] == "wijkteam-noord")
        try keeper.evaluateAll(at: now + day)
        #expect(try notices(environment).filter { $0["kind"] == "reminder" }.count == 1, "one reminder per check-in")
        try keeper.evaluateAll(at: now + 80 * day)   // past 182 days: the second check-in
        reminders = try notices(environment).filter { $0["kind"] == "reminder" }
        #expect(reminders.count == 2)
        try keeper.evaluateAll(at: now + 400 * day)  // aftercare (365 days) is over: the last check-in was the fourth
        #expect(try notices(environment).filter { $0["kind"] == "reminder" }.count == 3)
    }
}
