import Foundation
import Testing
import WaakvlamCore
import WaakvlamSimulation

/// Generation and writing speed for 100,000 households over 24 months.
///
/// Off by default; run in release mode with
/// `WAAKVLAM_SIM_BENCHMARK=1 swift test -c release --filter GenerationBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["WAAKVLAM_SIM_BENCHMARK"] != nil))
struct GenerationBenchmark {
    static let parameters = SimulationParameters(
        residents: 100_000, buildings: 2_000, months: 24, seed: 2026, end: LocalDate(year: 2026, month: 6, day: 30)!)

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    @Test func generateAndWrite() throws {
        let clock = ContinuousClock()
        var neighbourhood: SyntheticNeighbourhood?
        let setup = clock.measure { neighbourhood = try? SyntheticNeighbourhood(Self.parameters) }
        let made = try #require(neighbourhood)
        var counts = SignalCounts()
        let generation = clock.measure { counts = made.generateSignals { _ in } }
        for format in SyntheticFeedFormat.allCases {
            let directory = SimulationFixture.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            var summary: SyntheticFeedSummary?
            let writing = try clock.measure { summary = try SyntheticFeedWriter(format: format).write(made, to: directory) }
            let written = try #require(summary)
            print("""
                benchmark \(format): \(written.signals.total) signals, \(written.bytes / 1_048_576) MiB written in \
                \(Self.seconds(writing)) s = \(Int(Double(written.signals.total) / Self.seconds(writing))) signals/s
                """)
        }
        print("""
            benchmark: set-up \(Self.seconds(setup)) s; generation \(counts.total) signals in \(Self.seconds(generation)) s = \
            \(Int(Double(counts.total) / Self.seconds(generation))) signals/s
            """)
        #expect(counts.total > 100_000)
    }
}
