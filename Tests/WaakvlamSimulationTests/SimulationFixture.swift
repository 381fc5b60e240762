import Foundation
import WaakvlamCore
import WaakvlamSimulation

/// A small simulation written once to a temporary directory and read back, shared by the tests.
struct SimulationFixture: Sendable {
    let parameters: SimulationParameters
    let neighbourhood: SyntheticNeighbourhood
    let summary: SyntheticFeedSummary
    /// The text of the three files, in the order buildings, registry, signals (the files themselves are removed).
    let texts: [String]
    let buildings: [[String: String]]
    let registry: [[String: String]]
    let signals: [[String: String]]

    /// 5,000 households in 100 buildings over 12 months up to 2026-06-30, seed 42, as CSV.
    static let standard = try! SimulationFixture(parameters: SimulationParameters(
        residents: 5_000, buildings: 100, months: 12, seed: 42, end: LocalDate(year: 2026, month: 6, day: 30)!))

    init(parameters: SimulationParameters, format: SyntheticFeedFormat = .csv) throws {
        self.parameters = parameters
        neighbourhood = try SyntheticNeighbourhood(parameters)
        let directory = Self.temporaryDirectory()
        summary = try SyntheticFeedWriter(format: format).write(neighbourhood, to: directory)
        texts = try [summary.buildingsFile, summary.registryFile, summary.signalsFile].map {
            try String(contentsOfFile: $0, encoding: .utf8)
        }
        buildings = CSVTable(texts[0]).records
        registry = CSVTable(texts[1]).records
        signals = CSVTable(texts[2]).records
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A fresh, unique directory under the system's temporary directory.
    static func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "waakvlam-sim-" + UUID().uuidString
    }
}
