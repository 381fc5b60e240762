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

/// The keeper between store and engine: what arrives after it loaded is taken in, and only that.
@Suite struct LevelKeeperTests {
    let directory = TemporaryDirectory()
    let now = TestEnvironment.now

    func ingest(_ environment: WaakvlamEnvironment, _ text: String, at moment: Int64? = nil) throws {
        let report = try environment.ingestor.ingest(Ingestor.Input(source: MemorySource(text), name: "feed.csv", channel: .command), now: moment ?? now)
        #expect(report.isClean, "\(report.problems)")
    }

    func residentID(_ environment: WaakvlamEnvironment, _ reference: String) throws -> Int64 {
        try #require(try environment.database.writer.read { try Int64.fetchOne($0, sql: "SELECT id FROM resident WHERE ref = ?", arguments: [reference]) })
    }

    @Test func givenALoadedKeeper_whenASignalForANewHouseholdArrives_thenCatchUpRegistersItAndTurnsItRed() throws {
        let environment = try TestEnvironment.make(in: directory)
        let keeper = try environment.openLevels(at: now)
        try ingest(environment, "source,id,type,occurred_at,resident\ncorporatie,1,waarneming.hennep,2026-11-20,NEW1\n")
        let changes = try keeper.catchUp(at: now)
        let id = try residentID(environment, "NEW1")
        #expect(changes.map(\.subject) == [.resident(id)])
        #expect(changes.first?.to == .red)
        #expect(changes.first?.signals == ["corporatie:1"])
        #expect(keeper.stoplight.level(ofResident: id) == .red)
        // Nothing new: nothing evaluated, nothing changed.
        #expect(try keeper.catchUp(at: now + 60).isEmpty)
    }

    @Test func givenAFirstLoad_whenEvaluated_thenOnlyFirstLevelsOfAmberOrRedMakeNotices_whileEveryLevelIsRecorded() throws {
        let environment = try TestEnvironment.make(in: directory)
        // Two buildings with enough households to have a colour: B1 (one red of six) and B2 are green.
        let registry = (1...6).map { "H\($0),B1" } + (7...11).map { "H\($0),B2" }
        try ingest(environment, "resident,building\n" + registry.joined(separator: "\n") + "\n")
        try ingest(environment, "source,id,type,occurred_at,resident\ncorporatie,1,waarneming.hennep,2026-11-20,H1\n")
        let keeper = try environment.openLevels(at: now)
        try keeper.evaluateAll(at: now)
        // Both buildings' first levels are recorded; of all first levels only H1's red is told.
        #expect(try environment.database.texts("SELECT to_level FROM level_change WHERE subject_type = 'building'") == ["green", "green"])
        #expect(try environment.database.texts("SELECT subject_ref || ':' || kind FROM notice ORDER BY id") == ["H1:escalation"])
    }

    @Test func givenARegistryUpdateAfterLoading_whenCaughtUp_thenTheNewFactsCount() throws {
        let environment = try TestEnvironment.make(in: directory)
        try ingest(environment, """
            resident,building,minors
            H1,B1,0
            """)
        try ingest(environment, "source,id,type,occurred_at,resident,days_overdue,amount\ncorporatie,1,achterstand.huur,2026-11-01,H1,75,900.00\n")
        let keeper = try environment.openLevels(at: now)
        try keeper.evaluateAll(at: now)
        let id = try residentID(environment, "H1")
        #expect(keeper.stoplight.level(ofResident: id) == .green)
        // The registry learns of two children: the arrears rule for households with minors applies.
        try ingest(environment, "resident,building,minors\nH1,B1,2\n")
        let changes = try keeper.catchUp(at: now + 60)
        #expect(changes.first { $0.subject == .resident(id) }?.to == .red)
        #expect(changes.first { $0.subject == .resident(id) }?.rules == ["huurachterstand_met_kinderen"])
    }

    @Test func givenABuildingRecordUpdatedAfterLoading_whenRefreshed_thenItsUnitsAreTakenIn() throws {
        let environment = try TestEnvironment.make(in: directory)
        try ingest(environment, "building,units,name\nB1,10,De Linde\n")
        let calendar = environment.calendar
        var (casebook, marks) = try environment.database.loadCasebook(calendar: calendar, since: 0)
        let id = try #require(casebook.buildings.values.first { $0.reference == "B1" }?.id)
        #expect(casebook.buildings[id]?.units == 10)
        try ingest(environment, "building,units,name\nB1,12,De Linde\nB2,4,Het Hof\n", at: now + 5)
        _ = try environment.database.refresh(&casebook, marks: &marks, calendar: calendar, since: 0)
        #expect(casebook.buildings[id]?.units == 12)
        #expect(casebook.buildings.values.contains { $0.reference == "B2" && $0.units == 4 })
    }

    @Test func givenSignalsStoredWithoutTheEngine_whenAKeeperOpensOnASavedClock_thenThoseHouseholdsAreEvaluated() throws {
        let environment = try TestEnvironment.make(in: directory)
        try ingest(environment, "source,id,type,occurred_at,resident\ncorporatie,1,waarneming.post,2026-11-20,H1\n")
        try environment.openLevels(at: now).evaluateAll(at: now)
        // Stored while no keeper ran (a crash between ingest and evaluation).
        try ingest(environment, "source,id,type,occurred_at,resident\ncorporatie,2,waarneming.hennep,2026-11-20,H1\n")
        let changes = try environment.openLevels(at: now + 60).catchUp(at: now + 60)
        #expect(changes.map(\.to) == [.red])
    }

    @Test func givenASaveThatFails_whenTheNextStepSucceeds_thenTheChangeIsWrittenOnceAndNotLost() throws {
        let environment = try TestEnvironment.make(in: directory)
        let keeper = try environment.openLevels(at: now)
        try ingest(environment, "source,id,type,occurred_at,resident\ncorporatie,1,waarneming.hennep,2026-11-20,H1\n")
        // The store refuses the write (as a full disk would): the change must survive in the keeper.
        try environment.database.writer.write { try $0.execute(sql: "ALTER TABLE level_change RENAME TO level_change_away") }
        #expect(throws: (any Error).self) { try keeper.catchUp(at: now) }
        try environment.database.writer.write { try $0.execute(sql: "ALTER TABLE level_change_away RENAME TO level_change") }
        let written = try keeper.catchUp(at: now + 60)
        #expect(written.map(\.to) == [.red])
        let stored = try environment.database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM level_change") }
        #expect(stored == 1)
        let states = try environment.database.subjectStates()
        #expect(states.values.map(\.level) == [.red])
    }
}
