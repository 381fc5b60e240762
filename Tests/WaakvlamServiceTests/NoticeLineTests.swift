import Foundation
import Testing
import WaakvlamRules
@testable import WaakvlamService

/// Notice times are written as ISO 8601 with the local offset, the same as a date formatter would.
@Suite struct NoticeLineTests {
    @Test(arguments: [Int64(1_795_435_200), 1_774_746_000, 1_774_742_399, 1_761_440_400, 0, -86_401, 4_102_444_799])
    func timesMatchTheSystemFormatter(seconds: Int64) {
        let zone = TimeZone(identifier: "Europe/Amsterdam")!
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        #expect(NoticeLine.format(seconds, zone) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    /// Given notices with awkward text, whole and fractional scores and no deadline, when each is
    /// written by hand, then the line is byte for byte what `JSONEncoder` wrote before.
    @Test(arguments: [
        (reference: "R1", route: "noord", score: 12.0, rules: ["hennep"], deadline: Int64?(1_795_435_200)),
        (reference: "R \"quoted\" \\ back/slash", route: "zuid-oost", score: 3.25, rules: [], deadline: nil),
        (reference: "tab\there\nnewline\u{01}\u{1F}é😀", route: "regietafel", score: -0.5, rules: ["a", "b\"c"], deadline: nil),
        (reference: "B-12", route: "", score: 123_456.78, rules: ["x/y"], deadline: Int64?(0)),
    ])
    func handWrittenJSONMatchesTheEncoder(reference: String, route: String, score: Double, rules: [String], deadline: Int64?) throws {
        let notice = Notice(id: 42, at: 1_795_435_200, kind: .escalation, subjectType: "resident", subjectID: 7, subjectReference: reference,
                            from: .green, to: .red, score: score, rules: rules, signals: ["corp:1", "buren:\u{7F}"], route: route, rung: 1, deadline: deadline)
        let line = NoticeLine(notice, timeZone: TimeZone(identifier: "Europe/Amsterdam")!, ladder: ["outreach", "team lead"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        #expect(line.json() == String(decoding: try encoder.encode(line), as: UTF8.self))
    }
}
