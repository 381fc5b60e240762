import ArgumentParser
import Foundation
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamService
import WaakvlamSimulation
import WaakvlamStore

/// `waakvlam demo`: simulate a neighbourhood, ingest it, show what the daemon found.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Simulate a neighbourhood, ingest it and show what the daemon found.",
        discussion: "Without --state-dir the demo starts afresh in var/demo/ each time.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Households.") var residents: Int = 1_200
    @Option(help: "Buildings.") var buildings: Int = 40
    @Option(help: "Months of history.") var months: Int = 12
    @Option(help: "Seed of the random generator.") var seed: UInt64 = 7

    func run() async throws {
        var options = global
        if options.stateDirectory == nil {
            options.stateDirectory = "var/demo"
            try? FileManager.default.removeItem(atPath: "var/demo")
        }
        let configuration = try options.loadConfiguration()
        let lock = try StateAccess.lockForCommand(configuration, command: "demo", besideDaemon: "the demo works only on a state directory no daemon runs on")
        defer { lock.release() }
        let environment = try options.openEnvironment(configuration)
        let now = environment.clock.now()
        let calendar = LocalCalendar(identifier: environment.configuration.daemon.timeZone)!
        let parameters = SimulationParameters(residents: residents, buildings: buildings, months: months, seed: seed, end: calendar.localDate(of: now))
        let feedDirectory = environment.paths.stateDirectory + "/demo-feeds"
        try FileManager.default.createDirectory(atPath: feedDirectory, withIntermediateDirectories: true)
        let summary: SyntheticFeedSummary
        do {
            summary = try SyntheticFeedWriter().write(try SyntheticNeighbourhood(parameters), to: feedDirectory)
        } catch let error as SimulationError {
            Terminal.error("waakvlam demo: \(error)")
            throw ExitCode.failure
        }
        Terminal.print("Simulated \(summary.households) households in \(summary.buildings) buildings, \(months) months up to \(parameters.end) (seed \(seed)).")

        var total = IngestReport()
        for file in [summary.buildingsFile, summary.registryFile, summary.signalsFile] {
            let input = try InputFile(path: file)
            total.merge(try environment.ingestor.ingest(
                Ingestor.Input(source: FileDescriptorSource(descriptor: input.descriptor), name: file, channel: .command), now: now))
        }
        Terminal.print("Ingested: \(total.counts.accepted) accepted (\(total.counts.repeats) arrears repeats), \(total.counts.duplicates) duplicates, \(total.counts.rejected) rejected.")
        let keeper = try environment.openLevels(at: now)
        try keeper.evaluateAll(at: now)
        Terminal.print("")
        try DemoReport(environment: environment, now: now, stoplight: keeper.stoplight).print()
        Terminal.print("")
        Terminal.print("State is in \(environment.paths.stateDirectory); try: waakvlam status --state-dir \(environment.paths.stateDirectory)")
    }
}
