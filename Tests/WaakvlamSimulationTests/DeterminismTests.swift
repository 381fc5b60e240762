import Foundation
import Testing
import WaakvlamCore
import WaakvlamSimulation

@Suite struct DeterminismTests {
    static func parameters(seed: UInt64) -> SimulationParameters {
        SimulationParameters(residents: 1_200, buildings: 25, months: 6, seed: seed, end: LocalDate(year: 2026, month: 3, day: 31)!)
    }

    static func files(seed: UInt64, format: SyntheticFeedFormat) throws -> [Data] {
        let directory = SimulationFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let summary = try SyntheticFeedWriter(format: format).write(SyntheticNeighbourhood(parameters(seed: seed)), to: directory)
        return try [summary.buildingsFile, summary.registryFile, summary.signalsFile].map {
            try Data(contentsOf: URL(fileURLWithPath: $0))
        }
    }

    @Test(arguments: SyntheticFeedFormat.allCases)
    func sameSeedGivesByteIdenticalFiles(format: SyntheticFeedFormat) throws {
        // Given the same parameters twice
        // When both are written
        let first = try Self.files(seed: 7, format: format)
        let second = try Self.files(seed: 7, format: format)
        // Then every file is byte for byte the same, and not empty
        #expect(first == second)
        #expect(first.allSatisfy { $0.count > 100 })
    }

    @Test func differentSeedGivesDifferentFiles() throws {
        // Given two seeds
        // When both are written
        let first = try Self.files(seed: 7, format: .csv)
        let second = try Self.files(seed: 8, format: .csv)
        // Then the registry and the signals differ
        #expect(first[1] != second[1])
        #expect(first[2] != second[2])
    }

    @Test func generatingTwiceGivesTheSameSignals() throws {
        // Given one neighbourhood
        let neighbourhood = try SyntheticNeighbourhood(Self.parameters(seed: 3))
        // When its signals are generated twice
        // Then they are equal
        #expect(neighbourhood.signals() == neighbourhood.signals())
    }
}
