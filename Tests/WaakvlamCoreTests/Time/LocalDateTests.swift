import Testing
@testable import WaakvlamCore

@Suite("LocalDate")
struct LocalDateTests {
    @Test("a well-formed date is read into year, month and day")
    func parsesWellFormedDate() throws {
        // given / when
        let date = try #require(LocalDate(parsing: "2026-11-02"))
        // then
        #expect(date.year == 2026)
        #expect(date.month == 11)
        #expect(date.day == 2)
        #expect(date.description == "2026-11-02")
    }

    @Test("a date is read from a substring as well")
    func parsesSubstring() throws {
        let line = "x,2026-03-29,y"
        let field = line.split(separator: ",")[1]
        let date = try #require(LocalDate(parsing: field))
        #expect(date == LocalDate(year: 2026, month: 3, day: 29))
    }

    @Test("anything but exactly YYYY-MM-DD is refused", arguments: [
        "", "2026-1-02", "2026-11-2", "26-11-02", "2026/11/02", "2026.11.02", "20261102",
        "2026-11-02 ", " 2026-11-02", "2026-11-02T00:00", "abcd-ef-gh", "+026-11-02", "-026-11-02",
        "2026-1a-02", "２０２６-11-02", "2026-11-0\u{0}",
    ])
    func refusesMalformed(text: String) {
        #expect(LocalDate(parsing: text) == nil)
    }

    @Test("days that do not exist are refused", arguments: [
        "2026-00-10", "2026-13-01", "2026-11-00", "2026-11-31", "2026-04-31", "2026-02-29",
        "1900-02-29", "2100-02-29", "2026-01-32",
    ])
    func refusesNonexistentDays(text: String) {
        #expect(LocalDate(parsing: text) == nil)
    }

    @Test("leap days exist in leap years only", arguments: [
        ("2024-02-29", true), ("2000-02-29", true), ("2028-02-29", true),
        ("2025-02-29", false), ("1900-02-29", false), ("2100-02-29", false),
    ])
    func leapDays(text: String, exists: Bool) {
        #expect((LocalDate(parsing: text) != nil) == exists)
    }

    @Test("years outside 1900-2199 are mistakes and refused", arguments: ["1899-12-31", "2200-01-01", "0000-01-01", "9999-12-31"])
    func refusesYearsOutsideRange(text: String) {
        #expect(LocalDate(parsing: text) == nil)
    }

    @Test("the first and last accepted days are accepted")
    func acceptsRangeEnds() {
        #expect(LocalDate(parsing: "1900-01-01") != nil)
        #expect(LocalDate(parsing: "2199-12-31") != nil)
        #expect(LocalDate.acceptedYears == 1900...2199)
    }

    @Test("the memberwise initialiser validates like the parser", arguments: [
        (2026, 2, 28, true), (2026, 2, 29, false), (2026, 0, 1, false), (2026, 12, 31, true),
        (2026, 12, 32, false), (2026, 6, 0, false), (1899, 1, 1, false), (2199, 12, 31, true),
    ])
    func memberwiseValidates(year: Int, month: Int, day: Int, valid: Bool) {
        #expect((LocalDate(year: year, month: month, day: day) != nil) == valid)
    }

    @Test("days since the epoch match known dates", arguments: [
        ("1970-01-01", Int64(0)), ("1970-01-02", 1), ("1969-12-31", -1), ("2026-01-01", 20_454),
        ("2000-02-29", 11_016), ("1900-01-01", -25_567), ("2199-12-31", 84_005), ("2026-11-02", 20_759),
    ])
    func daysSinceEpoch(text: String, days: Int64) throws {
        let date = try #require(LocalDate(parsing: text))
        #expect(date.daysSinceEpoch == days)
        #expect(LocalDate(daysSinceEpoch: days) == date)
    }

    @Test("every accepted day converts to a day number and back, one apart from the next")
    func roundTripsEveryAcceptedDay() throws {
        // given the whole accepted range
        let first = try #require(LocalDate(year: 1900, month: 1, day: 1)).daysSinceEpoch
        let last = try #require(LocalDate(year: 2199, month: 12, day: 31)).daysSinceEpoch
        var previous: LocalDate?
        var failures = 0
        for number in first...last {
            // when
            let date = LocalDate(daysSinceEpoch: number)
            // then the date is real, converts back, and follows its predecessor
            let valid = LocalDate(year: date.year, month: date.month, day: date.day) == date
            let back = date.daysSinceEpoch == number
            let ordered = previous.map { $0 < date } ?? true
            if !(valid && back && ordered) {
                failures += 1
                if failures < 5 { Issue.record("day \(number) became \(date)") }
            }
            previous = date
        }
        #expect(failures == 0)
        #expect(last - first + 1 == 109_573) // 300 years of 365 days and 73 leap days
    }

    @Test("adding days crosses months, years and leap days", arguments: [
        ("2024-02-28", Int64(1), "2024-02-29"), ("2024-02-28", 2, "2024-03-01"), ("2026-02-28", 1, "2026-03-01"),
        ("2026-12-31", 1, "2027-01-01"), ("2026-03-01", -1, "2026-02-28"), ("2026-01-01", -1, "2025-12-31"),
        ("2026-11-02", 0, "2026-11-02"), ("2026-11-02", 365, "2027-11-02"), ("2026-11-02", -90, "2026-08-04"),
    ])
    func addingDays(start: String, days: Int64, expected: String) throws {
        let date = try #require(LocalDate(parsing: start))
        #expect(date.adding(days: days).description == expected)
    }

    @Test("description pads to YYYY-MM-DD")
    func descriptionPads() throws {
        #expect(try #require(LocalDate(year: 1900, month: 1, day: 5)).description == "1900-01-05")
        #expect(try #require(LocalDate(year: 2026, month: 10, day: 25)).description == "2026-10-25")
    }

    @Test("dates order by year, then month, then day")
    func ordering() throws {
        let dates = try ["2026-02-01", "2025-12-31", "2026-01-31", "2026-01-01", "2026-01-02"].map { try #require(LocalDate(parsing: $0)) }
        #expect(dates.sorted().map(\.description) == ["2025-12-31", "2026-01-01", "2026-01-02", "2026-01-31", "2026-02-01"])
        #expect(!(dates[0] < dates[0]))
    }

    @Test("days in month follow the Gregorian calendar")
    func daysInMonth() {
        #expect((1...12).map { LocalDate.daysIn(month: $0, year: 2026) } == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
        #expect(LocalDate.daysIn(month: 2, year: 2024) == 29)
        #expect(LocalDate.isLeap(2000))
        #expect(!LocalDate.isLeap(1900))
        #expect(!LocalDate.isLeap(2026))
        #expect(LocalDate.isLeap(2028))
    }
}
