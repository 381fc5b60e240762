import Foundation
import Testing
import WaakvlamFeeds
import WaakvlamFuzzing

/// The seeded fuzz smoke run over both feed formats; the corpus is in `FuzzCorpus/`, failures go to `fuzz-crashers/`.
@Suite("Feed readers under seeded fuzzing")
struct FeedFuzzTests {
    static func corpus(_ name: String) -> [[UInt8]] {
        FuzzCampaign.corpus(at: Bundle.module.resourceURL!.appendingPathComponent("FuzzCorpus/\(name)"))
    }

    @Test("given the CSV corpus mutated 1,500 times, when each input is read and decoded, then nothing traps, every line is in range and good rows survive")
    func csv() {
        let report = FuzzCampaign(target: FeedFuzzTarget(format: .csv), seeds: Self.corpus("csv"), iterations: 1_500, timeLimit: 10).run()
        print("fuzz \(report.target): \(report.executed) inputs in \(Int(report.seconds * 1000)) ms, \(report.failures.count) failures")
        #expect(report.failures.isEmpty, "\(report.failures.joined(separator: "\n"))")
        #expect(report.executed > 200)
    }

    @Test("given the JSON Lines corpus mutated 1,500 times, when each input is read and decoded, then nothing traps, every line is in range and good rows survive")
    func jsonLines() {
        let report = FuzzCampaign(target: FeedFuzzTarget(format: .jsonLines), seeds: Self.corpus("jsonl"), iterations: 1_500, timeLimit: 10).run()
        print("fuzz \(report.target): \(report.executed) inputs in \(Int(report.seconds * 1000)) ms, \(report.failures.count) failures")
        #expect(report.failures.isEmpty, "\(report.failures.joined(separator: "\n"))")
        #expect(report.executed > 200)
    }
}
