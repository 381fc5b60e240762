#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A bounded, seeded fuzz run of one target: the seeds, the generated extremes, then mutations.
///
/// Everything depends only on the seed, so a failure seen once is seen again; inputs that break
/// a property are written to `crashers/<target>/` (the process-killing ones by ``CrashCapture``).
public struct FuzzCampaign {
    /// What a run found.
    public struct Report: Sendable {
        /// The target's name.
        public var target = ""
        /// Inputs run (seeds, generated and mutated).
        public var executed = 0
        /// Each broken property with the input's file in `crashers/`.
        public var failures: [String] = []
        /// Wall time of the run.
        public var seconds = 0.0
    }

    /// What is fuzzed.
    public let target: any FuzzTarget
    /// The corpus: inputs run first, and mutated after.
    public let seeds: [[UInt8]]
    /// Mutated inputs to run (after the seeds and the generated ones).
    public var iterations: Int
    /// The seed of the mutations: the same seed runs the same inputs.
    public var seed: UInt64
    /// Stops early (with what ran so far) after this many seconds, so a slow machine cannot stall CI.
    public var timeLimit: Double
    /// Where failing inputs go.
    public var crashersDirectory: String

    /// A campaign over `target` from `seeds`. `WAAKVLAM_FUZZ_ITERATIONS`, `WAAKVLAM_FUZZ_SEED`,
    /// `WAAKVLAM_FUZZ_SECONDS` and `WAAKVLAM_FUZZ_CRASHERS` override the defaults for a longer hunt.
    public init(target: any FuzzTarget, seeds: [[UInt8]], iterations: Int, seed: UInt64 = 0x5741_414B_5646_555A, timeLimit: Double = 20) {
        let environment = ProcessInfo.processInfo.environment
        self.target = target
        self.seeds = seeds
        self.iterations = environment["WAAKVLAM_FUZZ_ITERATIONS"].flatMap(Int.init) ?? iterations
        self.seed = environment["WAAKVLAM_FUZZ_SEED"].flatMap { UInt64($0) } ?? seed
        self.timeLimit = environment["WAAKVLAM_FUZZ_SECONDS"].flatMap(Double.init) ?? timeLimit
        self.crashersDirectory = environment["WAAKVLAM_FUZZ_CRASHERS"] ?? Self.defaultCrashersDirectory
    }

    /// `fuzz-crashers/` at the top of the checkout (git ignores it).
    public static var defaultCrashersDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fuzz-crashers").path
    }

    /// Runs the campaign.
    public func run() -> Report {
        let directory = crashersDirectory + "/" + target.name
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let slot = CrashCapture.claim(path: directory + "/crash-seed-\(seed)")
        defer { if let slot { CrashCapture.release(slot) } }
        var report = Report()
        report.target = target.name
        let started = Date()
        let mutator = FuzzMutator(seeds: seeds, dictionary: target.dictionary)
        var random = FuzzRandom(seed: seed)

        func runOne(_ input: [UInt8]) {
            let broken = CrashCapture.guarding(slot, input) { target.check(input) }
            report.executed += 1
            guard !broken.isEmpty else { return }
            let file = directory + "/failure-\(Self.hash(input)).bin"
            _ = FileManager.default.createFile(atPath: file, contents: Data(input))
            report.failures += broken.map { "\($0) (input: \(file))" }
        }

        for input in seeds + target.generatedInputs { runOne(input) }
        for _ in 0..<iterations {
            if report.failures.count >= 20 || Date().timeIntervalSince(started) > timeLimit { break }
            runOne(mutator.mutate(&random))
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// FNV-1a: a stable file name for an input.
    static func hash(_ bytes: [UInt8]) -> String {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return String(value, radix: 16)
    }

    /// The files in `directory`, sorted by name: a corpus.
    public static func corpus(at directory: URL) -> [[UInt8]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().compactMap { FileManager.default.contents(atPath: directory.appendingPathComponent($0).path).map(Array.init) }
    }
}
