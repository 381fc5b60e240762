import Foundation
import Testing
import WaakvlamCore
import WaakvlamIngest
import WaakvlamStore
import WaakvlamTesting

/// Small inputs stored together (the socket's ingests): one commit, but each its own run and report.
@Suite struct GroupIngestTests {
    let directory = TemporaryDirectory()

    @Test func givenThreeSmallInputsOneWithABadRow_whenIngestedAsAGroup_thenEachHasItsOwnFiguresAndProblems() throws {
        let environment = try TestEnvironment.make(in: directory)
        let inputs = [
            SmallInput(text: "source,id,type,occurred_at,resident\ncrm,1,overlast.geluid,2026-11-01,H1\n", name: "a", format: nil),
            SmallInput(text: "source,id,type,occurred_at,resident\ncrm,2,overlast.geluid,2026-11-40,H2\ncrm,3,waarneming.post,2026-11-02,H2\n", name: "b", format: nil),
            SmallInput(text: #"{"source":"crm","id":"1","type":"overlast.geluid","occurred_at":"2026-11-01","resident":"H1"}"# + "\n", name: "c", format: nil),
        ]
        let reports = try environment.ingestor.ingestGroup(inputs, channel: .socket, now: TestEnvironment.now)
        #expect(reports.map(\.counts.accepted) == [1, 1, 0])
        #expect(reports.map(\.counts.duplicates) == [0, 0, 1])
        #expect(reports.map(\.counts.rejected) == [0, 1, 0])
        #expect(reports[1].problems.map(\.line) == [2])
        #expect(reports[1].problems.first?.file == "b")
        #expect(reports[1].rejectedFiles.count == 1)
        #expect(try environment.database.integer("SELECT count(*) FROM signal") == 2)
        #expect(try environment.database.texts("SELECT input FROM ingest_run WHERE channel = 'socket' AND finished_at IS NOT NULL ORDER BY id") == ["a", "b", "c"])
        #expect(try environment.database.integer("SELECT count(*) FROM pragma_foreign_key_check") == 0)
    }
}
