// waakvlam-bench: benchmarks of the stoplight engine on simulated data.
//
//   swift run -c release --scratch-path .build-bench waakvlam-bench levels \
//       [--residents 100000] [--buildings 5000] [--months 12] [--runs 5] [--samples 200] [--seed 1] [--end 2026-11-23] [--fresh]
//
// Prepares (or reuses) a store holding a simulated neighbourhood, ingested by the real ingest path,
// then times the engine as the daemon drives it: a full re-evaluation after each one-day clock jump,
// and one new signal from ingest to its household's new level. Prints min/median/max per measure.
import Foundation
import WaakvlamConfig
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamRules
import WaakvlamService
import WaakvlamSimulation
import WaakvlamStore

do {
    if CommandLine.arguments.dropFirst().first == "socket" {
        try socketBenchmark(SocketOptions.parse(CommandLine.arguments.dropFirst(2)))
    } else {
        try levelsBenchmark(parseOptions())
    }
} catch {
    FileHandle.standardError.write(Data("waakvlam-bench: \(error)\n".utf8))
    exit(1)
}
