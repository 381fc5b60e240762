import Foundation
import Testing
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamService
import WaakvlamStore
import WaakvlamTesting

/// A repeated (`source`,`id`): the same content is a duplicate, other content is refused as a
/// conflict and kept in `rejected/`, and `accepted` is always the number of signals stored.
@Suite struct IngestorConflictTests {
    let directory = TemporaryDirectory()
    static let header = "source,id,type,occurred_at,resident,note\n"

    func ingest(_ text: String, name: String = "feed.csv", in environment: WaakvlamEnvironment) throws -> IngestReport {
        try environment.ingestor.ingest(Ingestor.Input(source: MemorySource(text), name: name, channel: .command), now: TestEnvironment.now)
    }

    func stored(_ environment: WaakvlamEnvironment) throws -> Int {
        try environment.database.integer("SELECT count(*) FROM signal")
    }

    @Test func givenTwoRowsWithOneKeyAndOtherContentInOneFile_whenIngested_thenTheSecondIsRefusedNamingTheFirstLineAndKept() throws {
        let environment = try TestEnvironment.make(in: directory)
        let report = try ingest(Self.header + """
            dd,1,overlast.geluid,2026-11-01,HDD1,geheim briefje
            dd,1,veiligheid.calamiteit,2026-11-01,HDD2,ander briefje
            dd,2,overlast.geluid,2026-11-01,HDD1,
            """, in: environment)
        #expect(report.counts == .init(accepted: 2, duplicates: 0, repeats: 0, rejected: 1))
        #expect(try stored(environment) == report.counts.accepted)
        #expect(report.problems == [IngestProblem(file: "feed.csv", line: 3, reason: "conflicts with line 2: same source and id, other type, resident, note")])
        let rejectedFile = try #require(report.rejectedFiles.first)
        #expect(try String(contentsOfFile: rejectedFile, encoding: .utf8) == Self.header + "dd,1,veiligheid.calamiteit,2026-11-01,HDD2,ander briefje\n")
        let errors = try String(contentsOfFile: rejectedFile + ".errors", encoding: .utf8)
        #expect(errors == "feed.csv:3: conflicts with line 2: same source and id, other type, resident, note\n")
        #expect(!errors.contains("briefje"))
        #expect(try environment.database.texts("SELECT type FROM signal WHERE external_id = '1'") == ["overlast.geluid"])
        #expect(try environment.database.integer("SELECT accepted FROM ingest_run") == 2)
    }

    @Test func givenTheSameRowTwiceInOneFile_whenIngested_thenTheSecondIsADuplicate() throws {
        let environment = try TestEnvironment.make(in: directory)
        let row = "dd,1,overlast.geluid,2026-11-01,HDD1,\n"
        let report = try ingest(Self.header + row + row, in: environment)
        #expect(report.counts == .init(accepted: 1, duplicates: 1, repeats: 0, rejected: 0))
        #expect(try stored(environment) == 1)
    }

    @Test func givenAStoredSignal_whenALaterRunSendsItsKeyWithOtherContent_thenItIsRefusedNamingTheStoredSignal() throws {
        let environment = try TestEnvironment.make(in: directory)
        _ = try ingest(Self.header + "dd,1,overlast.geluid,2026-11-01,HDD1,\n", in: environment)
        let report = try ingest(Self.header + "dd,1,overlast.geluid,2026-11-01,HDD1,\ndd,1,overlast.geluid,2026-11-02,HDD1,\n", name: "again.csv", in: environment)
        #expect(report.counts == .init(accepted: 0, duplicates: 1, repeats: 0, rejected: 1))
        let ingested = LocalDate.dayAndSecond(of: TestEnvironment.now).date
        #expect(report.problems.map(\.reason) == ["conflicts with the stored signal dd:1, ingested \(ingested): other occurred_at"])
        #expect(try stored(environment) == 1)
    }

    @Test func givenAKeyRepeatedFarAfterItsFirstLine_whenIngested_thenTheConflictStillNamesThatLine() throws {
        let environment = try TestEnvironment.make(in: directory)
        // Far enough apart that the first row is stored (and forgotten) before the second is read.
        let rows = (1...9_000).map { "dd,\($0),overlast.geluid,2026-11-01,H\($0 % 50),\n" }.joined()
        let report = try ingest(Self.header + rows + "dd,7,waarneming.post,2026-11-01,H7,\n", in: environment)
        #expect(report.counts.accepted == 9_000)
        #expect(report.problems.map(\.reason) == ["conflicts with line 8: same source and id, other type"])
        #expect(report.problems.map(\.line) == [9_002])
        #expect(try stored(environment) == 9_000)
    }

    @Test func givenJSONIdsOneAsTheNumber1Point0AndOneAsTheText1_whenIngested_thenTheyAreTwoSignals() throws {
        let environment = try TestEnvironment.make(in: directory)
        let report = try ingest("""
            {"source":"dd","id":1.0,"type":"overlast.geluid","occurred_at":"2026-11-01","resident":"H1"}
            {"source":"dd","id":"1","type":"waarneming.post","occurred_at":"2026-11-01","resident":"H1"}
            """, name: "feed.jsonl", in: environment)
        #expect(report.counts.accepted == 2)
        #expect(try environment.database.texts("SELECT external_id FROM signal ORDER BY id") == ["1.0", "1"])
    }

    @Test func givenAConflictInASocketIngest_whenIngestedAsAGroup_thenItIsRefusedKeptAndCountedInItsRun() throws {
        let environment = try TestEnvironment.make(in: directory)
        let inputs = [
            SmallInput(text: Self.header + "dd,1,overlast.geluid,2026-11-01,HDD1,\ndd,1,veiligheid.calamiteit,2026-11-01,HDD1,\n", name: "a", format: nil),
            SmallInput(text: Self.header + "dd,1,waarneming.post,2026-11-01,HDD1,\n", name: "b", format: nil),
        ]
        let reports = try environment.ingestor.ingestGroup(inputs, channel: .socket, now: TestEnvironment.now)
        #expect(reports.map(\.counts.accepted) == [1, 0])
        #expect(reports.map(\.counts.rejected) == [1, 1])
        #expect(reports[0].problems.map(\.reason) == ["conflicts with line 2: same source and id, other type"])
        #expect(reports[1].problems.first?.reason.hasPrefix("conflicts with the stored signal dd:1, ingested ") == true)
        let rejectedFile = try #require(reports[0].rejectedFiles.first)
        #expect(try String(contentsOfFile: rejectedFile, encoding: .utf8) == Self.header + "dd,1,veiligheid.calamiteit,2026-11-01,HDD1,\n")
        #expect(try environment.database.texts("SELECT accepted || '/' || rejected FROM ingest_run ORDER BY id") == ["1/1", "0/1"])
        #expect(try stored(environment) == 1)
    }

    @Test func givenAJSONRecordWithAKeyTwice_whenSentThroughTheSocketOrAFile_thenItIsRefusedNamingTheKey() throws {
        let environment = try TestEnvironment.make(in: directory)
        let text = #"{"source":"dd","id":"1","type":"overlast.geluid","type":"veiligheid.calamiteit","occurred_at":"2026-11-01","resident":"H1"}"# + "\n"
        let file = try ingest(text, name: "feed.jsonl", in: environment)
        let socket = try environment.ingestor.ingestGroup([SmallInput(text: text, name: "peer", format: nil)], channel: .socket, now: TestEnvironment.now)
        for report in [file, socket[0]] {
            #expect(report.counts.rejected == 1)
            #expect(report.problems.map(\.reason) == ["record holds key 'type' twice (each key may appear once)"])
        }
        #expect(try stored(environment) == 0)
    }
}
