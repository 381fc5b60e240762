import Foundation
import Testing
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamService
import WaakvlamStore
import WaakvlamTesting

@Suite struct IngestorTests {
    let directory = TemporaryDirectory()

    func ingest(_ text: String, name: String = "feed.csv", in environment: WaakvlamEnvironmentBox) throws -> IngestReport {
        try environment.value.ingestor.ingest(
            Ingestor.Input(source: MemorySource(text), name: name, channel: .command), now: TestEnvironment.now)
    }

    @Test func givenAFileFedTwice_thenNothingIsStoredTwiceAndTheSecondRunCountsDuplicates() throws {
        let environment = try WaakvlamEnvironmentBox(directory)
        let feed = """
            source,id,type,occurred_at,resident,reporter
            crm,1,overlast.geluid,2026-11-01,H1,R-9
            crm,2,overlast.geluid,2026-11-02,H1,R-8
            """
        let first = try ingest(feed, in: environment)
        let second = try ingest(feed, in: environment)
        #expect(first.counts == .init(accepted: 2, duplicates: 0, repeats: 0, rejected: 0))
        #expect(second.counts == .init(accepted: 0, duplicates: 2, repeats: 0, rejected: 0))
        #expect(try environment.value.database.integer("SELECT count(*) FROM signal") == 2)
    }

    @Test func givenAFileOverlappingAnEarlierOne_thenOnlyTheNewRowsAreStoredAndCountedExactly() throws {
        let environment = try WaakvlamEnvironmentBox(directory)
        func rows(_ range: ClosedRange<Int>) -> String {
            "source,id,type,occurred_at,resident,amount\n" + range.map { "incasso,\($0),achterstand.huur,2026-10-\(String(format: "%02d", 1 + $0 % 28)),H\($0 % 7),\(100 + $0).00\n" }.joined()
        }
        _ = try ingest(rows(1...150), in: environment)
        let overlap = try ingest(rows(101...300), in: environment)
        #expect(overlap.counts.accepted == 150)
        #expect(overlap.counts.duplicates == 50)
        #expect(try environment.value.database.integer("SELECT count(*) FROM signal") == 300)
        #expect(try environment.value.database.integer("SELECT count(*) FROM pragma_foreign_key_check") == 0)
    }

    @Test func givenAFirstLoadIntoAnEmptyStore_thenTheHouseholdIndexIsBuiltAtTheEndAndRepeatsAreStillFound() throws {
        let environment = try WaakvlamEnvironmentBox(directory)
        let database = environment.value.database
        let indexExists = "SELECT count(*) FROM sqlite_master WHERE name = 'signal_by_resident'"
        let report = try ingest("""
            source,id,type,occurred_at,resident,amount
            incasso,1,achterstand.huur,2026-09-01,H1,300.00
            incasso,2,achterstand.huur,2026-10-01,H1,300.00
            """, in: environment)
        #expect(report.counts.repeats == 1)
        #expect(try database.integer(indexExists) == 1)

        // A later load finds the history through the index.
        let later = try ingest("source,id,type,occurred_at,resident,amount\nincasso,3,achterstand.huur,2026-11-01,H1,300.00\n", in: environment)
        #expect(later.counts.repeats == 1)
    }

    @Test func givenAnIndexLeftDroppedByACrash_whenTheNextIngestStarts_thenItIsBuiltAgain() throws {
        let environment = try WaakvlamEnvironmentBox(directory)
        let database = environment.value.database
        _ = try ingest("source,id,type,occurred_at,resident\ncrm,1,overlast.geluid,2026-11-01,H1\n", in: environment)
        try database.execute("DROP INDEX signal_by_resident")
        _ = try ingest("source,id,type,occurred_at,resident\ncrm,2,overlast.geluid,2026-11-02,H1\n", in: environment)
        #expect(try database.integer("SELECT count(*) FROM sqlite_master WHERE name = 'signal_by_resident'") == 1)
    }

    @Test func givenBadRowsAmongGoodOnes_thenGoodRowsAreStoredAndBadRowsKeptWithTheirLines() throws {
        let environment = try WaakvlamEnvironmentBox(directory)
        let feed = """
            source,id,type,occurred_at,resident,amount,note
            crm,1,achterstand.huur,2026-10-01,H1,100.00,
            crm,2,onbekend.type,2026-10-01,H1,,
            crm,3,achterstand.huur,2026-02-30,H1,,
            crm,4,achterstand.huur,2026-10-01,H2,twaalf,
            crm,5,overlast.geluid,2026-10-01,H3,,\(String(repeating: "x", count: 281))
            ,6,overlast.geluid,2026-10-01,H3,,
            crm,7,overlast.geluid,2026-10-01,H4,,"never closed
            crm,8,overlast.geluid,2026-10-02,H4,,
            """
        let report = try ingest(feed, in: environment)
        #expect(report.counts.accepted == 2)
        #expect(report.counts.rejected == 6)
        #expect(report.problems.map(\.line) == [3, 4, 5, 6, 7, 8])
        #expect(report.problems[0].reason.contains("unknown signal type 'onbekend.type'"))
        #expect(report.problems[1].reason.contains("occurred_at '2026-02-30'"))
        #expect(report.problems[2].reason.contains("amount 'twaalf'"))
        #expect(report.problems[3].reason.contains("note is 281 characters"))
        #expect(report.problems[4].reason.contains("missing required field 'source'"))
        #expect(report.problems[5].reason.contains("never closed"))
        let rejectedFile = try #require(report.rejectedFiles.first)
        let kept = try String(contentsOfFile: rejectedFile, encoding: .utf8).split(separator: "\n")
        #expect(kept.first == "source,id,type,occurred_at,resident,amount,note")
        #expect(kept.count == 7)
        let errors = try String(contentsOfFile: rejectedFile + ".errors", encoding: .utf8).split(separator: "\n")
        #expect(errors.count == 6)
        #expect(errors[0].hasPrefix("feed.csv:3: "))
        #expect(try environment.value.database.texts("SELECT external_id FROM signal ORDER BY external_id") == ["1", "8"])
    }

    @Test func givenARepeatedArrearsReport_thenItIsStoredButMarkedAsRepeatUnlessTheAmountGrew() throws {
        let environment = try WaakvlamEnvironmentBox(directory)
        let report = try ingest("""
            source,id,type,occurred_at,resident,amount,days_overdue
            incasso,1,achterstand.huur,2026-08-01,H1,450.00,31
            incasso,2,achterstand.huur,2026-09-01,H1,450.00,62
            incasso,3,achterstand.huur,2026-10-01,H1,900.00,92
            incasso,4,achterstand.huur,2026-10-15,H1,,106
            crm,5,positief.achterstand_voldaan,2026-10-20,H1,,
            incasso,6,achterstand.huur,2026-11-01,H1,300.00,31
            """, in: environment)
        #expect(report.counts.accepted == 6)
        #expect(report.counts.repeats == 2)
        let flags = try environment.value.database.texts("SELECT external_id || ':' || is_repeat FROM signal ORDER BY id")
        #expect(flags == ["1:0", "2:1", "3:0", "4:1", "5:0", "6:0"])
    }

    @Test func givenSignalsForUnknownHouseholds_whenTheRegistryArrives_thenItFillsInTheFactsAndKeepsHistory() throws {
        let environment = try WaakvlamEnvironmentBox(directory)
        _ = try ingest("source,id,type,occurred_at,resident\ncrm,1,overlast.geluid,2026-11-01,H1\n", in: environment)
        #expect(try environment.value.database.integer("SELECT count(*) FROM resident WHERE ref = 'H1' AND building_id IS NULL") == 1)

        let registry = "resident,building,unit,minors,origin,support,support_until\nH1,B1,B1-3,2,bw,ambulant,2027-01-01\n"
        let first = try ingest(registry, name: "registry.csv", in: environment)
        let again = try ingest(registry, name: "registry.csv", in: environment)
        let moved = try ingest("resident,building\nH1,B2\n", name: "registry.csv", in: environment)

        #expect(first.counts.accepted == 1)
        #expect(again.counts == .init(accepted: 0, duplicates: 1, repeats: 0, rejected: 0))
        #expect(moved.counts.accepted == 1)
        let database = environment.value.database
        #expect(try database.texts("SELECT origin || ' ' || minors || ' ' || support_until FROM resident WHERE ref = 'H1'") == ["bw 2 2027-01-01"])
        #expect(try database.integer("SELECT count(*) FROM resident r JOIN building b ON b.id = r.building_id WHERE r.ref = 'H1' AND b.ref = 'B2' AND r.unit_id IS NULL") == 1)
        #expect(try database.integer("SELECT count(*) FROM registry_history") == 2)
    }

    @Test func givenBuildingRecords_thenTheyUpsertAndUnchangedOnesAreDuplicates() throws {
        let environment = try WaakvlamEnvironmentBox(directory)
        let first = try ingest("building,units,neighbourhood,name\nB1,40,NB01,Complex Lindehof\n", name: "b.csv", in: environment)
        let same = try ingest("building,units,neighbourhood,name\nB1,40,NB01,Complex Lindehof\n", name: "b.csv", in: environment)
        let grown = try ingest(#"{"building":"B1","units":44}"# + "\n", name: "b.jsonl", in: environment)
        let figures: [Int] = [first.counts.accepted, same.counts.duplicates, grown.counts.accepted]
        #expect(figures == [1, 1, 1])
        #expect(try environment.value.database.texts("SELECT units || ' ' || name FROM building") == ["44 Complex Lindehof"])
    }

    @Test func givenAnEmptyInput_thenItIsReportedAsAProblem_andAHeaderOnlyFileIsANote() throws {
        let environment = try WaakvlamEnvironmentBox(directory)
        let empty = try ingest("", in: environment)
        let headerOnly = try ingest("source,id,type,occurred_at,resident\n", in: environment)
        #expect(empty.problems.map(\.reason) == ["the input is empty: no header and no records"])
        #expect(!empty.isClean)
        #expect(headerOnly.isClean)
        #expect(headerOnly.notes == ["feed.csv: no records after the header"])
    }

    @Test func givenABinaryFile_thenItIsRejectedWholeWithoutCrashing() throws {
        let environment = try WaakvlamEnvironmentBox(directory)
        var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2]
        bytes += (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let report = try environment.value.ingestor.ingest(
            Ingestor.Input(source: MemorySource(bytes), name: "blob.csv", channel: .command), now: TestEnvironment.now)
        #expect(report.counts.accepted == 0)
        #expect(report.problems.first?.line == 1)
        #expect(report.problems.first?.reason.contains("binary") == true)
        #expect(try environment.value.database.integer("SELECT count(*) FROM signal") == 0)
    }
}

/// The environment in a reference box, so a test's helper methods can share it.
final class WaakvlamEnvironmentBox: Sendable {
    let value: WaakvlamEnvironment
    init(_ directory: TemporaryDirectory) throws { value = try TestEnvironment.make(in: directory) }
}
