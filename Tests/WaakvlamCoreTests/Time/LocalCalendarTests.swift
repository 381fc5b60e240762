import Foundation
import Testing
@testable import WaakvlamCore

@Suite("LocalCalendar")
struct LocalCalendarTests {
    let amsterdam = LocalCalendar(identifier: "Europe/Amsterdam")!

    func date(_ text: String) throws -> LocalDate { try #require(LocalDate(parsing: text)) }

    @Test("an unknown zone is refused")
    func unknownZone() {
        #expect(LocalCalendar(identifier: "Europe/Atlantis") == nil)
        #expect(LocalCalendar(identifier: "") == nil)
        #expect(LocalCalendar(identifier: "Europe/Amsterdam") != nil)
    }

    @Test("local midnight in Amsterdam is 23:00 UTC in winter and 22:00 UTC in summer", arguments: [
        ("2026-01-15", Int64(1_768_431_600)),  // 2026-01-14T23:00Z
        ("2026-07-01", 1_782_856_800),          // 2026-06-30T22:00Z
        ("2026-03-29", 1_774_738_800),          // spring forward day: starts 2026-03-28T23:00Z, still winter time
        ("2026-03-30", 1_774_821_600),          // the day after: 2026-03-29T22:00Z
        ("2026-10-25", 1_792_879_200),          // fall back day: starts 2026-10-24T22:00Z, still summer time
        ("2026-10-26", 1_792_969_200),          // the day after: 2026-10-25T23:00Z
    ])
    func amsterdamMidnight(day: String, expected: Int64) throws {
        #expect(amsterdam.startOfDay(try date(day)) == expected)
    }

    @Test("the spring-forward day lasts 23 hours and the fall-back day 25")
    func transitionDayLengths() throws {
        let spring = try date("2026-03-29"), autumn = try date("2026-10-25"), plain = try date("2026-11-02")
        #expect(amsterdam.startOfDay(spring.adding(days: 1)) - amsterdam.startOfDay(spring) == 23 * 3_600)
        #expect(amsterdam.startOfDay(autumn.adding(days: 1)) - amsterdam.startOfDay(autumn) == 25 * 3_600)
        #expect(amsterdam.startOfDay(plain.adding(days: 1)) - amsterdam.startOfDay(plain) == 24 * 3_600)
    }

    @Test("the local date of an instant turns at local midnight, not at UTC midnight")
    func localDateTurnsAtLocalMidnight() throws {
        // given the start of 2026-10-25 in Amsterdam (22:00 UTC the day before)
        let start: Int64 = 1_792_879_200
        // then
        #expect(amsterdam.localDate(of: start) == (try date("2026-10-25")))
        #expect(amsterdam.localDate(of: start - 1) == (try date("2026-10-24")))
        // and after falling back, the 26th starts at 23:00 UTC (UTC+1 again)
        #expect(amsterdam.localDate(of: 1_792_969_200 - 1) == (try date("2026-10-25")))
        #expect(amsterdam.localDate(of: 1_792_969_200) == (try date("2026-10-26")))
    }

    @Test("instants before 1970 fall on the right date")
    func beforeEpoch() throws {
        let utc = try #require(LocalCalendar(identifier: "UTC"))
        #expect(utc.localDate(of: -1) == (try date("1969-12-31")))
        #expect(utc.localDate(of: -86_400) == (try date("1969-12-31")))
        #expect(utc.localDate(of: -86_401) == (try date("1969-12-30")))
        #expect(utc.localDate(of: 0) == (try date("1970-01-01")))
        // 1969-12-31T23:30Z is 00:30 on 1 January 1970 in Amsterdam (UTC+1)
        #expect(amsterdam.localDate(of: -1_800) == (try date("1970-01-01")))
        #expect(utc.startOfDay(try date("1969-12-31")) == -86_400)
    }

    @Test("a moment becomes an instant: a date at local midnight, an instant as it is")
    func instantOfMoment() throws {
        #expect(amsterdam.instant(of: .date(try date("2026-11-02"))) == 1_793_574_000) // 2026-11-01T23:00Z
        #expect(amsterdam.instant(of: .instant(42)) == 42)
        #expect(amsterdam.instant(of: try #require(Moment(parsing: "2026-11-02T14:30:00+01:00"))) == 1_793_626_200)
    }

    /// Zones with clock changes at awkward hours: far east of UTC, at UTC midnight, at local midnight, half hours.
    static let zones = [
        "Europe/Amsterdam", "Europe/London", "Europe/Helsinki", "America/New_York", "America/Sao_Paulo", "America/Havana",
        "America/Santiago", "Asia/Jerusalem", "Asia/Beirut", "Asia/Tehran", "Australia/Sydney", "Australia/Lord_Howe",
        "Pacific/Auckland", "Pacific/Chatham", "Asia/Kolkata", "UTC", "America/Kralendijk",
    ]

    @Test("the start of every day from 2000 to 2030 is the first instant of that local date", arguments: zones)
    func startOfDayIsFirstInstantOfTheDate(zone: String) throws {
        // given
        let calendar = try #require(LocalCalendar(identifier: zone))
        let first = try date("2000-01-01").daysSinceEpoch, last = try date("2030-12-31").daysSinceEpoch
        var wrong: [String] = []
        for number in first...last {
            // when
            let day = LocalDate(daysSinceEpoch: number)
            let start = calendar.startOfDay(day)
            // then the start lies on the day and one second earlier lies on the day before
            if calendar.localDate(of: start) != day || calendar.localDate(of: start - 1) != day.adding(days: -1) {
                wrong.append(day.description)
            }
        }
        #expect(wrong.isEmpty, "wrong start of day in \(zone) on \(wrong.prefix(5).joined(separator: ", "))")
    }

    @Test("in Amsterdam every accepted day from 1900 to 2199 starts at its first instant, old local mean time included")
    func amsterdamWholeRange() throws {
        let first = try date("1900-01-01").daysSinceEpoch, last = try date("2199-12-31").daysSinceEpoch
        var wrong: [String] = []
        for number in first...last {
            let day = LocalDate(daysSinceEpoch: number)
            let start = amsterdam.startOfDay(day)
            if amsterdam.localDate(of: start) != day || amsterdam.localDate(of: start - 1) != day.adding(days: -1) {
                wrong.append(day.description)
            }
        }
        #expect(wrong.isEmpty, "wrong start of day on \(wrong.prefix(5).joined(separator: ", "))")
    }
}
