import Foundation
import Testing
import WaakvlamFuzzing

/// Byte-level mutations of a condition corpus (NUL, broken UTF-8, 100,000-deep brackets), beside the
/// token-level ``ConditionFuzzTests``.
@Suite("Condition parser under seeded corpus fuzzing")
struct ConditionCorpusFuzzTests {
    @Test("given the condition corpus mutated 3,000 times, when parsed, then nothing traps and every error points inside the text")
    func corpus() {
        let seeds = FuzzCampaign.corpus(at: Bundle.module.resourceURL!.appendingPathComponent("FuzzCorpus/condition"))
        #expect(seeds.count >= 8)
        let report = FuzzCampaign(target: ConditionFuzzTarget(), seeds: seeds, iterations: 3_000, timeLimit: 10).run()
        print("fuzz \(report.target): \(report.executed) inputs in \(Int(report.seconds * 1000)) ms, \(report.failures.count) failures")
        #expect(report.failures.isEmpty, "\(report.failures.joined(separator: "\n"))")
        #expect(report.executed > 500)
    }
}
