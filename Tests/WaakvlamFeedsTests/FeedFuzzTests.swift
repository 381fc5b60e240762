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
        let report = FuzzCampaign(target: FeedFuzzTarget(format: .csv), seeds: Self.corpus("csv"), iterations: 1_500, timeLimit: 20).run()
        print("fuzz \(report.target): \(report.executed) inputs in \(Int(report.seconds * 1000)) ms, \(report.failures.count) failures")
        #expect(report.failures.isEmpty, "\(report.failures.joined(separator: "\n"))")
        #expect(report.executed > 200)
    }

    @Test("given the JSON Lines corpus mutated 1,500 times, when each input is read and decoded, then nothing traps, every line is in range and good rows survive")
    func jsonLines() {
        let report = FuzzCampaign(target: FeedFuzzTarget(format: .jsonLines), seeds: Self.corpus("jsonl"), iterations: 1_500, timeLimit: 20).run()
        print("fuzz \(report.target): \(report.executed) inputs in \(Int(report.seconds * 1000)) ms, \(report.failures.count) failures")
        #expect(report.failures.isEmpty, "\(report.failures.joined(separator: "\n"))")
        #expect(report.executed > 200)
    }

    @Test("given a note left open over rows that are records of their own, when checked, then no line has vanished")
    func aNoteLeftOpenLosesNoLine() {
        var text = "source,id,type,occurred_at,resident,note\n"
        for row in 1...20 { text += "crm,\(row),overlast.geluid,2026-11-01,H\(row),\(row == 9 ? "\"begin of a note" : row == 12 ? "x\"" : "")\n" }
        #expect(FeedFuzzTarget(format: .csv).check(Array(text.utf8)) == [])
    }

    @Test("given one key twice with other content, once as a JSON number, when checked, then accepted equals stored")
    func aRepeatedKeyIsCountedAsStored() {
        let text = #"""
            {"source":"crm","id":"fz-1","type":"overlast.geluid","occurred_at":"2026-11-01","resident":"H1"}
            {"source":"crm","id":"fz-1","type":"achterstand.huur","occurred_at":"2026-11-01","resident":"H1"}
            {"source":"crm","id":"fz-1","type":"overlast.geluid","occurred_at":"2026-11-01","resident":"H1"}
            {"source":"crm","id":7.0,"type":"overlast.geluid","occurred_at":"2026-11-01","resident":"H1"}
            {"source":"crm","id":"7","type":"overlast.geluid","occurred_at":"2026-11-01","resident":"H1"}
            """#
        #expect(FeedFuzzTarget(format: .jsonLines).check(Array(text.utf8)) == [])
    }
}
