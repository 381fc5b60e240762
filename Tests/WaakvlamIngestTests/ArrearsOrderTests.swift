import Foundation
import Testing
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamService
import WaakvlamStore
import WaakvlamTesting

/// Repeat marks do not depend on the order rows arrive in: a late report or closing signal is
/// judged as if it had come in order, and the reports after it are re-decided.
@Suite struct ArrearsOrderTests {
    let directory = TemporaryDirectory()
    static let header = "source,id,type,occurred_at,resident,amount"

    func ingest(_ rows: [String], _ environment: WaakvlamEnvironment) throws {
        let text = ([Self.header] + rows).joined(separator: "\n") + "\n"
        let report = try environment.ingestor.ingest(Ingestor.Input(source: MemorySource(text), name: "feed.csv", channel: .command), now: TestEnvironment.now)
        #expect(report.isClean, "\(report.problems)")
    }

    func marks(_ environment: WaakvlamEnvironment) throws -> [String?] {
        try environment.database.texts("SELECT external_id || ':' || is_repeat FROM signal ORDER BY external_id")
    }

    @Test func givenANewerReportStored_whenAnOlderOneArrivesLate_thenTheNewerIsMarkedAsIfTheyCameInOrder() throws {
        let environment = try TestEnvironment.make(in: directory)
        try ingest(["incasso,b,achterstand.huur,2026-09-01,H1,450.00"], environment)
        #expect(try marks(environment) == ["b:0"])
        try ingest(["incasso,a,achterstand.huur,2026-08-01,H1,450.00"], environment)
        #expect(try marks(environment) == ["a:0", "b:1"])
    }

    @Test func givenARepeatStored_whenAClosingSignalBetweenItAndTheEarlierReportArrivesLate_thenItIsANewEpisode() throws {
        let environment = try TestEnvironment.make(in: directory)
        try ingest(["incasso,a,achterstand.huur,2026-08-01,H1,450.00", "incasso,b,achterstand.huur,2026-09-01,H1,450.00"], environment)
        #expect(try marks(environment) == ["a:0", "b:1"])
        try ingest(["crm,c,positief.achterstand_voldaan,2026-08-15,H1,"], environment)
        #expect(try marks(environment) == ["a:0", "b:0", "c:0"])
    }

    @Test func givenALateReportFedTwice_thenTheSecondTimeChangesNothing() throws {
        let environment = try TestEnvironment.make(in: directory)
        try ingest(["incasso,b,achterstand.huur,2026-09-01,H1,450.00", "incasso,a,achterstand.huur,2026-08-01,H1,450.00"], environment)
        try ingest(["incasso,a,achterstand.huur,2026-08-01,H1,450.00"], environment)
        #expect(try marks(environment) == ["a:0", "b:1"])
        #expect(try environment.database.integer("SELECT repeats FROM ingest_run ORDER BY id DESC LIMIT 1") == 0)
    }

    /// Arrears of two types, closings and other signals for a few households over a year, seeded.
    static func feed(seed: UInt64) -> [(day: Int, row: String)] {
        var random = SplitMix64(seed: seed)
        let types = ["achterstand.huur", "achterstand.energie", "achterstand.huur", "positief.achterstand_voldaan", "overlast.geluid"]
        return (0..<300).map { index in
            let day = Int(random.next() % 360)
            let type = types[Int(random.next() % UInt64(types.count))]
            let amount = type.hasPrefix("achterstand") ? String(format: "%d.00", 100 * Int(1 + random.next() % 4)) : ""
            let date = LocalDate(daysSinceEpoch: 20_400 + Int64(day))
            let row = "incasso,\(String(format: "%04d", index)),\(type),\(date),H\(random.next() % 5),\(amount)"
            return (day, row)
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func givenOneFeed_whenSortedShuffledOrSplitInPartsInAnyOrder_thenTheMarksAndFinalLevelsAreTheSame(seed: UInt64) throws {
        let feed = Self.feed(seed: seed)
        var random = SplitMix64(seed: seed &+ 100)
        let directories = (0..<3).map { _ in TemporaryDirectory() }
        func environment(_ name: String) throws -> WaakvlamEnvironment {
            let index = ["sorted", "shuffled", "parts"].firstIndex(of: name)!
            return try TestEnvironment.make(in: directories[index]) { $0.ingest.batchSize = 17 }
        }
        // A level raised on part of the feed holds for the cool-down (14 days), so final levels are
        // compared once it has passed.
        func levels(_ environment: WaakvlamEnvironment, keeper: LevelKeeper? = nil) throws -> [String: Level] {
            let keeper = try keeper ?? environment.openLevels(at: TestEnvironment.now)
            try keeper.evaluateAll(at: TestEnvironment.now)
            try keeper.evaluateAll(at: TestEnvironment.now + 15 * 86_400)
            let stoplight = keeper.stoplight
            return Dictionary(uniqueKeysWithValues: stoplight.casebook.residents.values.map { ($0.facts.reference, stoplight.level(ofResident: $0.id)) })
        }

        let sorted = try environment("sorted")
        try ingest(feed.sorted { $0.day < $1.day }.map(\.row), sorted)
        let shuffled = try environment("shuffled")
        try ingest(feed.shuffled(using: &random).map(\.row), shuffled)
        // In parts, with the engine of a running daemon catching up after each.
        let parts = try environment("parts")
        let keeper = try parts.openLevels(at: TestEnvironment.now)
        let byPart = Dictionary(grouping: feed.shuffled(using: &random).map(\.row)) { _ in Int(random.next() % 4) }
        for part in byPart.keys.shuffled(using: &random) {
            try ingest(byPart[part]!, parts)
            try keeper.catchUp(at: TestEnvironment.now)
        }

        let expected = try marks(sorted)
        #expect(expected.contains { $0?.hasSuffix(":1") ?? false })
        #expect(try marks(shuffled) == expected)
        #expect(try marks(parts) == expected)
        // The running engine holds the marks re-decided after it took a row in, not the first ones.
        let held = keeper.stoplight.casebook.residents.values.flatMap(\.signals).map { "\($0.reference.dropFirst("incasso:".count)):\($0.isRepeat ? 1 : 0)" }
        #expect(!held.isEmpty)
        let stored = Set(expected.compactMap { $0 })
        #expect(held.filter { !stored.contains($0) } == [])
        let expectedLevels = try levels(sorted)
        #expect(try levels(shuffled) == expectedLevels)
        #expect(try levels(parts, keeper: keeper) == expectedLevels)
    }
}
