import ArgumentParser
import Foundation
import WaakvlamCore
import WaakvlamSimulation

/// `waakvlam simulate`: seeded synthetic feeds.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write realistic synthetic feeds (buildings, registry, signals) for demos, tests and benchmarks.",
        discussion: "The same --seed and --now give byte-identical files. The period is the --months before the --now date (default: today).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Households.") var residents: Int = 1_000
    @Option(help: "Buildings.") var buildings: Int = 40
    @Option(help: "Months of history, ending on the --now date.") var months: Int = 12
    @Option(help: "Seed of the random generator.") var seed: UInt64 = 1
    @Option(help: "Directory to write buildings, registry and signals files into.") var out: String = "simulated"
    @Option(help: "csv or jsonl.") var format: String = "csv"
    @Flag(help: "Print the summary as JSON.") var json = false

    struct Summary: Encodable {
        var buildingsFile: String
        var registryFile: String
        var signalsFile: String
        var buildings: Int
        var households: Int
        var signals: Int
        var signalsByFamily: [String: Int]
    }

    func validate() throws {
        if SyntheticFeedFormat(rawValue: format) == nil { throw ValidationError("--format must be csv or jsonl") }
    }

    func run() async throws {
        let parameters = SimulationParameters(
            residents: residents, buildings: buildings, months: months, seed: seed, end: try endDate(global))
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let neighbourhood = try SyntheticNeighbourhood(parameters)
            let summary = try SyntheticFeedWriter(format: SyntheticFeedFormat(rawValue: format)!).write(neighbourhood, to: out)
            let byFamily = Dictionary(uniqueKeysWithValues: summary.signals.byFamily.map { ($0.key.rawValue, $0.value) })
            if json {
                try Terminal.json(Summary(
                    buildingsFile: summary.buildingsFile, registryFile: summary.registryFile, signalsFile: summary.signalsFile,
                    buildings: summary.buildings, households: summary.households, signals: summary.signals.total, signalsByFamily: byFamily))
            } else {
                Terminal.print("wrote \(summary.buildings) buildings to \(summary.buildingsFile)")
                Terminal.print("wrote \(summary.households) households to \(summary.registryFile)")
                let families = byFamily.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                Terminal.print("wrote \(summary.signals.total) signals to \(summary.signalsFile) (\(families))")
            }
        } catch let error as SimulationError {
            Terminal.error("waakvlam simulate: \(error)")
            throw ExitCode.failure
        }
    }
}

/// The local date of `--now` (or today) in the configured zone; Europe/Amsterdam when there is no usable configuration.
func endDate(_ global: GlobalOptions) throws -> LocalDate {
    let zone = (try? global.loadConfigurationQuietly().daemon.timeZone) ?? "Europe/Amsterdam"
    let calendar = LocalCalendar(identifier: zone) ?? LocalCalendar(identifier: "Europe/Amsterdam")!
    return calendar.localDate(of: global.instant(timeZone: zone) ?? Int64(Date().timeIntervalSince1970))
}
