import Foundation
import WaakvlamConfig
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamRules
import WaakvlamService
import WaakvlamSimulation
import WaakvlamStore

// MARK: - Data

/// A UTC ISO 8601 instant for feeds.
func isoUTC(_ seconds: Int64) -> String {
    let date = LocalDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    let inDay = seconds - date.daysSinceEpoch * 86_400
    return String(format: "%@T%02d:%02d:%02dZ", date.description, Int(inDay / 3_600), Int(inDay / 60 % 60), Int(inDay % 60))
}

/// Makes sure a store with the simulated neighbourhood exists under the cache; returns its state directory.
func preparedStore(_ options: Options, now: Int64) throws -> String {
    let key = "r\(options.residents)-b\(options.buildings)-m\(options.months)-s\(options.seed)-\(options.end)"
    let base = options.cacheRoot + "/" + key
    let state = base + "/state"
    let marker = base + "/READY"
    let files = FileManager.default
    if !options.fresh, files.fileExists(atPath: marker) {
        say("data: reusing prepared store \(state)")
        return state
    }
    try? files.removeItem(atPath: base)
    try files.createDirectory(atPath: base, withIntermediateDirectories: true)
    let parameters = SimulationParameters(residents: options.residents, buildings: options.buildings, months: options.months,
                                          seed: options.seed, end: options.end)
    let (summary, simulateSeconds) = try timed {
        try SyntheticFeedWriter(format: .csv).write(try SyntheticNeighbourhood(parameters), to: base + "/feeds")
    }
    say("data: simulated \(summary.households) households in \(summary.buildings) buildings, \(summary.signals.total) signals over \(options.months) months up to \(options.end) in \(show(simulateSeconds))")
    let configuration = try WaakvlamEnvironment.loadConfiguration(EnvironmentOptions(configPath: options.config, stateDirectory: state))
    let environment = try WaakvlamEnvironment.open(configuration, now: now)
    var total = IngestReport()
    let (_, ingestSeconds) = try timed {
        for file in [summary.buildingsFile, summary.registryFile, summary.signalsFile] {
            let input = try InputFile(path: file)
            total.merge(try environment.ingestor.ingest(
                Ingestor.Input(source: FileDescriptorSource(descriptor: input.descriptor), name: file, channel: .command), now: now))
        }
    }
    say("data: ingested \(total.counts.accepted) accepted (\(total.counts.repeats) arrears repeats), \(total.counts.duplicates) duplicates, \(total.counts.rejected) rejected in \(show(ingestSeconds))")
    guard total.counts.rejected == 0 else { throw BenchError("the simulated feeds had rejected rows") }
    try? files.removeItem(atPath: base + "/feeds")
    try Data().write(to: URL(fileURLWithPath: marker))
    return state
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Copies the prepared state directory to a fresh working one, so that every benchmark starts from the same store.
func workingCopy(of state: String, cacheRoot: String) throws -> String {
    let work = cacheRoot + "/work-\(getpid())"
    try? FileManager.default.removeItem(atPath: work)
    try FileManager.default.copyItem(atPath: state, toPath: work)
    return work
}
