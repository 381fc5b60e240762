import Testing
@testable import WaakvlamCore

@Suite("TimeSpan")
struct TimeSpanTests {
    @Test("each unit is read", arguments: [
        ("90d", 7_776_000), ("2w", 1_209_600), ("12h", 43_200), ("30m", 1_800), ("45s", 45),
        ("1d", 86_400), ("0s", 0), ("007d", 604_800), ("999999999s", 999_999_999),
    ] as [(String, Int64)])
    func parsesUnits(text: String, seconds: Int64) throws {
        let span = try #require(TimeSpan(parsing: text))
        #expect(span.seconds == seconds)
    }

    @Test("the largest accepted number of weeks does not overflow")
    func largestWeeks() throws {
        let span = try #require(TimeSpan(parsing: "999999999w"))
        #expect(span.seconds == 999_999_999 * 604_800)
    }

    @Test("anything but digits and one known unit is refused", arguments: [
        "", "d", "90", "90D", "90 d", " 90d", "90d ", "-5d", "+5d", "1.5d", "1,5d", "90dd", "1d12h", "1y", "3mo",
        "1000000000s", "1_000s", "١٠d", "５d", "0x10s", "P90D", "ninety d",
    ])
    func refusesMalformed(text: String) {
        #expect(TimeSpan(parsing: text) == nil)
    }

    @Test("a span is written in its largest whole unit", arguments: [
        (7_776_000, "90d"), (1_209_600, "2w"), (86_400, "1d"), (7_200, "2h"), (90, "90s"), (5_400, "90m"),
        (0, "0s"), (691_200, "8d"), (3_601, "3601s"),
    ] as [(Int64, String)])
    func description(seconds: Int64, text: String) {
        #expect(TimeSpan(seconds: seconds).description == text)
    }

    @Test("what is written is read back as the same span", arguments: [Int64(0), 1, 59, 60, 3_600, 86_399, 86_400, 604_800, 7_776_000, 31_536_000])
    func roundTrip(seconds: Int64) throws {
        let span = TimeSpan(seconds: seconds)
        #expect(TimeSpan(parsing: span.description) == span)
    }

    @Test("days, comparison and equality")
    func daysAndOrder() {
        #expect(TimeSpan.days(90) == TimeSpan(parsing: "90d"))
        #expect(TimeSpan(parsing: "2w") == TimeSpan(parsing: "14d"))
        #expect(TimeSpan(parsing: "23h")! < TimeSpan(parsing: "1d")!)
        #expect(!(TimeSpan(parsing: "24h")! < TimeSpan(parsing: "1d")!))
    }
}
