import Foundation
import Testing
import WaakvlamCore
import WaakvlamSimulation

@Suite struct ParametersTests {
    static let end = LocalDate(year: 2026, month: 6, day: 30)!

    @Test func periodIsTheMonthsBeforeEndInclusive() {
        // Given 24 months up to 2026-06-30
        let parameters = SimulationParameters(residents: 10, buildings: 1, months: 24, seed: 1, end: Self.end)
        // Then it spans 731 days (24 × 30.44), ending on the end date
        #expect(parameters.periodDays == 731)
        #expect(parameters.start == LocalDate(year: 2024, month: 6, day: 30)!)
    }

    @Test(arguments: [(0, 1, 12), (10, 0, 12), (10, 11, 12), (10, 1, 0)])
    func unusableParametersAreRefused(residents: Int, buildings: Int, months: Int) {
        // Given parameters without households, buildings or months
        let parameters = SimulationParameters(residents: residents, buildings: buildings, months: months, seed: 1, end: Self.end)
        // Then no neighbourhood is made, with a reason
        #expect(throws: SimulationError.self) { try SyntheticNeighbourhood(parameters) }
    }

    @Test func tinySimulationsWork() throws {
        // Given a single household in a single building over a month
        let neighbourhood = try SyntheticNeighbourhood(SimulationParameters(residents: 1, buildings: 1, months: 1, seed: 5, end: Self.end))
        // Then it has one registry record and signals only within the period
        #expect(neighbourhood.households.count == 1)
        #expect(neighbourhood.signals().allSatisfy { $0.date <= Self.end })
    }

    @Test func volumeScalesLinearlyWithHouseholdsAndMonths() throws {
        // Given a base simulation, one with twice the households (and buildings), one with twice the months
        func total(_ residents: Int, _ buildings: Int, _ months: Int) throws -> Double {
            Double(try SyntheticNeighbourhood(SimulationParameters(
                residents: residents, buildings: buildings, months: months, seed: 11, end: Self.end)).generateSignals { _ in }.total)
        }
        let base = try total(3_000, 60, 12)
        // When they are counted
        let households = try total(6_000, 120, 12) / base
        let months = try total(3_000, 60, 24) / base
        // Then each doubles the signals, roughly
        #expect(households > 1.7 && households < 2.3, "\(households)")
        #expect(months > 1.7 && months < 2.3, "\(months)")
    }

    @Test func writingToAnUnwritablePlaceFailsWithTheReason() throws {
        // Given a path below a regular file
        let file = SimulationFixture.temporaryDirectory()
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let neighbourhood = try SyntheticNeighbourhood(SimulationParameters(residents: 10, buildings: 1, months: 1, seed: 1, end: Self.end))
        // When the writer is pointed there
        // Then it throws a cannot-write error
        #expect(throws: SimulationError.self) { try SyntheticFeedWriter().write(neighbourhood, to: file + "/feeds") }
    }
}
