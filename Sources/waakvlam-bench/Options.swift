import Foundation
import WaakvlamConfig
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamRules
import WaakvlamService
import WaakvlamSimulation
import WaakvlamStore

// MARK: - Options

struct Options {
    var residents = 100_000
    var buildings = 5_000
    var months = 12
    var runs = 5
    var samples = 200
    var seed: UInt64 = 1
    var end = LocalDate(year: 2026, month: 11, day: 23)!
    var fresh = false
    var breakdown = true
    var config = "config/waakvlam.yaml"
    var cacheRoot = ".build-bench/levels-data"
}

func usage() -> Never {
    FileHandle.standardError.write(Data("""
        usage: waakvlam-bench levels [--residents N] [--buildings N] [--months N] [--runs N] [--samples N]
                                     [--seed N] [--end YYYY-MM-DD] [--config FILE] [--cache DIR] [--fresh] [--no-breakdown]
               waakvlam-bench socket [--rate N] [--seconds N] [--feeders N] [--binary PATH] [--config FILE]

        """.utf8))
    exit(2)
}

func parseOptions() -> Options {
    var arguments = Array(CommandLine.arguments.dropFirst())
    guard arguments.first == "levels" else { usage() }
    arguments.removeFirst()
    var options = Options()
    var index = 0
    func value() -> String {
        index += 1
        guard index < arguments.count else { usage() }
        return arguments[index]
    }
    func number(_ text: String) -> Int {
        guard let number = Int(text), number >= 0 else { usage() }
        return number
    }
    while index < arguments.count {
        switch arguments[index] {
        case "--residents": options.residents = number(value())
        case "--buildings": options.buildings = number(value())
        case "--months": options.months = number(value())
        case "--runs": options.runs = max(1, number(value()))
        case "--samples": options.samples = max(1, number(value()))
        case "--seed": options.seed = UInt64(number(value()))
        case "--end": options.end = LocalDate(parsing: value()) ?? { usage() }()
        case "--config": options.config = value()
        case "--cache": options.cacheRoot = value()
        case "--fresh": options.fresh = true
        case "--no-breakdown": options.breakdown = false
        default: usage()
        }
        index += 1
    }
    return options
}
