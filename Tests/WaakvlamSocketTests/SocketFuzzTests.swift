import Foundation
import Testing
import WaakvlamFuzzing

/// The socket's request path (JSON parser, request checks) under the seeded fuzz smoke run.
@Suite("Socket requests under seeded fuzzing")
struct SocketFuzzTests {
    @Test("given the request corpus mutated 4,000 times, when parsed, then each is a value or a positioned error and each request is accepted or refused with a message")
    func requests() {
        let seeds = FuzzCampaign.corpus(at: Bundle.module.resourceURL!.appendingPathComponent("FuzzCorpus/socket"))
        #expect(seeds.count >= 6)
        let report = FuzzCampaign(target: SocketFuzzTarget(), seeds: seeds, iterations: 4_000, timeLimit: 10).run()
        print("fuzz \(report.target): \(report.executed) inputs in \(Int(report.seconds * 1000)) ms, \(report.failures.count) failures")
        #expect(report.failures.isEmpty, "\(report.failures.joined(separator: "\n"))")
        #expect(report.executed > 500)
    }
}
