import Foundation
import Testing
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamService
import WaakvlamStore
import WaakvlamTesting

/// The daemon's purge goes through the engine, which forgets what the store no longer holds.
@Suite struct LevelKeeperPurgeTests {
    let directory = TemporaryDirectory()
    let now = TestEnvironment.now

    func ingest(_ environment: WaakvlamEnvironment, _ text: String) throws {
        let report = try environment.ingestor.ingest(Ingestor.Input(source: MemorySource(text), name: "feed.csv", channel: .command), now: now)
        #expect(report.isClean, "\(report.problems)")
    }

    @Test func givenARedHouseholdThatMovedOutLongAgo_whenTheKeeperPurges_thenTheStoreAndTheEngineForgetItAndEvaluationDoesNotBringItBack() throws {
        let environment = try TestEnvironment.make(in: directory)
        try ingest(environment, """
            resident,building,minors,origin,moved_in,moved_out
            H1,B1,0,regulier,2019-01-01,2025-01-15
            H2,B1,0,regulier,2019-01-01,
            """)
        try ingest(environment, "source,id,type,occurred_at,resident\ncorporatie,1,waarneming.hennep,2026-11-20,H1\ncorporatie,2,waarneming.hennep,2026-11-20,H2\n")
        let keeper = try environment.openLevels(at: now)
        try keeper.evaluateAll(at: now)
        let h1 = try #require(try environment.database.writer.read { try Int64.fetchOne($0, sql: "SELECT id FROM resident WHERE ref = 'H1'") })
        // Red, but its notice was delivered and resolved: the case is closed.
        try environment.database.execute("UPDATE notice SET delivered_at = \(now), resolved_at = \(now)")
        #expect(keeper.stoplight.level(ofResident: h1) == .red)

        let counts = try keeper.purge(retention: .defaults, at: now + 60, trigger: .daemon, who: "waakvlam")

        #expect(counts.households == 1)
        #expect(counts.subjectStates == 1)
        #expect(keeper.stoplight.casebook.residents[h1] == nil)
        #expect(keeper.stoplight.states[.resident(h1)] == nil)
        #expect(keeper.stoplight.casebook.residents.count == 1)
        try keeper.evaluateAll(at: now + 3_600)
        #expect(try environment.database.integer("SELECT count(*) FROM subject_state WHERE subject_type = 'resident' AND subject_id = \(h1)") == 0)
        #expect(try environment.database.lastPurge(by: .daemon)?.counts == counts)
    }
}
