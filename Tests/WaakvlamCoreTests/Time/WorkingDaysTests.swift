import Testing
@testable import WaakvlamCore

@Suite("WorkingDays")
struct WorkingDaysTests {
    let dutch = WorkingDays()

    func date(_ text: String) throws -> LocalDate { try #require(LocalDate(parsing: text)) }

    func holiday(named name: String, in year: Int, _ days: WorkingDays = WorkingDays()) -> [LocalDate] {
        days.holidays(in: year).filter { $0.name == name }.map(\.date)
    }

    // MARK: Easter and the holidays

    @Test("given a year when Easter is computed then it is the known Sunday", arguments: [
        (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
        (2038, "2038-04-25"), (2000, "2000-04-23"), (2100, "2100-03-28"),
        (1900, "1900-04-15"), (2008, "2008-03-23"), (2011, "2011-04-24"), (2199, "2199-04-14"),
    ])
    func easter(year: Int, expected: String) throws {
        #expect(holiday(named: "Eerste Paasdag", in: year) == [try date(expected)])
        #expect(holiday(named: "Tweede Paasdag", in: year) == [try date(expected).adding(days: 1)])
    }

    @Test("given every accepted year when Easter is computed then it agrees with Knuth's Algorithm E and is a Sunday from 22 March to 25 April")
    func easterAgreesWithSecondAlgorithm() throws {
        for year in LocalDate.acceptedYears {
            let easter = DutchHolidays.easterSunday(in: year)
            // Knuth, TAOCP 1.3.2 exercise 14: a different derivation of the same Gregorian computus.
            let golden = year % 19 + 1
            let century = year / 100 + 1
            let skipped = 3 * century / 4 - 12, correction = (8 * century + 5) / 25 - 5
            let sunday = 5 * year / 4 - skipped - 10
            var epact = ((11 * golden + 20 + correction - skipped) % 30 + 30) % 30
            if (epact == 25 && golden > 11) || epact == 24 { epact += 1 }
            var n = 44 - epact
            if n < 21 { n += 30 }
            n = n + 7 - (sunday + n) % 7
            let expected = n > 31 ? LocalDate(year: year, month: 4, day: n - 31) : LocalDate(year: year, month: 3, day: n)
            #expect(easter == expected, "Easter \(year)")
            #expect(Weekday(of: easter) == .sunday, "Easter \(year)")
            #expect(try easter >= date("\(year)-03-22") && easter <= date("\(year)-04-25"), "Easter \(year)")
        }
    }

    @Test("given 2026 when its holidays are listed then they are the Dutch ones, named in Dutch, in date order")
    func holidays2026() throws {
        let listed = dutch.holidays(in: 2026)
        #expect(listed.map(\.name) == [
            "Nieuwjaarsdag", "Eerste Paasdag", "Tweede Paasdag", "Koningsdag", "Hemelvaartsdag",
            "Eerste Pinksterdag", "Tweede Pinksterdag", "Eerste Kerstdag", "Tweede Kerstdag",
        ])
        #expect(listed.map(\.date.description) == [
            "2026-01-01", "2026-04-05", "2026-04-06", "2026-04-27", "2026-05-14",
            "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26",
        ])
    }

    @Test("given Easter when Ascension and Whitsun are computed then they fall 39, 49 and 50 days later")
    func easterRelativeHolidays() throws {
        for year in [2024, 2025, 2027, 2038, 2100] {
            let easter = DutchHolidays.easterSunday(in: year)
            #expect(holiday(named: "Hemelvaartsdag", in: year) == [easter.adding(days: 39)])
            #expect(holiday(named: "Eerste Pinksterdag", in: year) == [easter.adding(days: 49)])
            #expect(holiday(named: "Tweede Pinksterdag", in: year) == [easter.adding(days: 50)])
            #expect(Weekday(of: easter.adding(days: 39)) == .thursday)
        }
    }

    @Test("given 27 April on a Sunday when King's Day is computed then it moves to Saturday the 26th")
    func kingsDay() throws {
        #expect(holiday(named: "Koningsdag", in: 2025) == [try date("2025-04-26")])
        #expect(holiday(named: "Koningsdag", in: 2026) == [try date("2026-04-27")])
        #expect(Weekday(of: try date("2026-04-27")) == .monday)
        #expect(!dutch.isWorkingDay(try date("2026-04-27")))
    }

    @Test("given the default rule when Liberation Day is looked up then it is a holiday only in lustrum years")
    func liberationDayEveryFiveYears() throws {
        let years = (2024...2031).filter { !holiday(named: "Bevrijdingsdag", in: $0).isEmpty }
        #expect(years == [2025, 2030])
        #expect(holiday(named: "Bevrijdingsdag", in: 2025) == [try date("2025-05-05")])
        #expect(!dutch.isWorkingDay(try date("2025-05-05")))   // a Monday
        #expect(dutch.isWorkingDay(try date("2026-05-05")))    // a Tuesday
    }

    @Test("given the always and never rules when Liberation Day is looked up then they hold every year")
    func liberationDayAlwaysAndNever() throws {
        let always = WorkingDays(rules: HolidayRules(liberationDay: .always))
        let never = WorkingDays(rules: HolidayRules(liberationDay: .never))
        for year in 2024...2031 {
            #expect(holiday(named: "Bevrijdingsdag", in: year, always) == [LocalDate(year: year, month: 5, day: 5)!])
            #expect(holiday(named: "Bevrijdingsdag", in: year, never).isEmpty)
        }
        #expect(!always.isWorkingDay(try date("2026-05-05")))
        #expect(never.isWorkingDay(try date("2025-05-05")))
        #expect(HolidayRules.LiberationDay(rawValue: "every_five_years") == .everyFiveYears)
        #expect(HolidayRules.LiberationDay.allCases.map(\.rawValue) == ["every_five_years", "always", "never"])
    }

    @Test("given the default rules when Good Friday comes then it is a working day, and a holiday once enabled")
    func goodFriday() throws {
        let goodFriday = try date("2026-04-03")
        #expect(HolidayRules.dutch.goodFriday == false)
        #expect(dutch.isWorkingDay(goodFriday))
        #expect(holiday(named: "Goede Vrijdag", in: 2026).isEmpty)
        let enabled = WorkingDays(rules: HolidayRules(goodFriday: true))
        #expect(!enabled.isWorkingDay(goodFriday))
        #expect(enabled.holidays(in: 2026).map(\.name).prefix(3) == ["Nieuwjaarsdag", "Goede Vrijdag", "Eerste Paasdag"])
    }

    @Test("given two holidays on one date when listed then both appear, and the day counts once")
    func coincidingHolidays() throws {
        // 2005: Easter 27 March, so Hemelvaartsdag was 5 May, a lustrum Bevrijdingsdag.
        let listed = dutch.holidays(in: 2005).filter { $0.date == LocalDate(year: 2005, month: 5, day: 5) }
        #expect(listed.map(\.name) == ["Bevrijdingsdag", "Hemelvaartsdag"])
        // Wed 4 May to Fri 6 May 2005: only Friday is a working day.
        #expect(dutch.count(from: try date("2005-05-04"), to: try date("2005-05-06")) == 1)
    }

    // MARK: Deadlines

    @Test("given Thursday before Easter 2026 when 3 working days are added then Good Friday counts and Easter Monday does not")
    func deadlineAcrossEaster() throws {
        let maundyThursday = try date("2026-04-02")
        #expect(Weekday(of: maundyThursday) == .thursday)
        // Fri 3 Apr, (weekend, Easter Monday 6 Apr), Tue 7 Apr, Wed 8 Apr
        #expect(dutch.adding(1, to: maundyThursday) == (try date("2026-04-03")))
        #expect(dutch.adding(2, to: maundyThursday) == (try date("2026-04-07")))
        #expect(dutch.adding(3, to: maundyThursday) == (try date("2026-04-08")))
        // with Good Friday off: Tue 7, Wed 8, Thu 9 Apr
        let withGoodFriday = WorkingDays(rules: HolidayRules(goodFriday: true))
        #expect(withGoodFriday.adding(3, to: maundyThursday) == (try date("2026-04-09")))
    }

    @Test("given Friday before King's Day 2026 when 1 working day is added then it is Tuesday")
    func deadlineAcrossKingsDay() throws {
        #expect(dutch.adding(1, to: try date("2026-04-24")) == (try date("2026-04-28")))
    }

    @Test("given Wednesday 23 December 2026 when 3 working days are added then Christmas is skipped and it is Tuesday 29th")
    func deadlineAcrossChristmas() throws {
        // Thu 24, (Fri 25 and Sat 26 Christmas, Sun 27), Mon 28, Tue 29
        #expect(dutch.adding(3, to: try date("2026-12-23")) == (try date("2026-12-29")))
    }

    @Test("given Monday 21 December 2026 when 10 working days are added then Christmas and New Year are skipped")
    func deadlineAcrossNewYear() throws {
        // 22, 23, 24, 28, 29, 30, 31 Dec; (1 Jan Nieuwjaarsdag, a Friday); 4, 5, 6 Jan
        #expect(dutch.adding(10, to: try date("2026-12-21")) == (try date("2027-01-06")))
        #expect(dutch.count(from: try date("2026-12-21"), to: try date("2027-01-06")) == 10)
    }

    @Test("given a Saturday when 0 working days are added then it is the Monday after, and 1 is that Monday too")
    func addingFromWeekend() throws {
        let saturday = try date("2026-05-02")
        #expect(Weekday(of: saturday) == .saturday)
        #expect(dutch.adding(0, to: saturday) == (try date("2026-05-04")))
        #expect(dutch.adding(1, to: saturday) == (try date("2026-05-04")))
        #expect(dutch.adding(0, to: try date("2026-05-04")) == (try date("2026-05-04")))
        // 0 from a holiday also rolls on: Easter Monday 2026 to Tuesday
        #expect(dutch.adding(0, to: try date("2026-04-06")) == (try date("2026-04-07")))
    }

    @Test("given an extra closing date when a deadline spans it then it is skipped")
    func extraDateSkipped() throws {
        let closed = try date("2026-06-10")   // a Wednesday
        let local = WorkingDays(rules: HolidayRules(extraDates: [closed, closed]))
        #expect(dutch.isWorkingDay(closed))
        #expect(!local.isWorkingDay(closed))
        #expect(local.adding(2, to: try date("2026-06-08")) == (try date("2026-06-11")))
        #expect(dutch.adding(2, to: try date("2026-06-08")) == closed)
        #expect(local.count(from: try date("2026-06-08"), to: try date("2026-06-12")) == 3)
        #expect(local.holidays(in: 2026).filter { $0.name == "Extra sluitingsdag" }.map(\.date) == [closed])
        #expect(local.holidays(in: 2027).allSatisfy { $0.name != "Extra sluitingsdag" })
    }

    // MARK: Counting

    @Test("given end not after start when working days are counted then there are none")
    func countEmptyRange() throws {
        let day = try date("2026-04-08")
        #expect(dutch.count(from: day, to: day) == 0)
        #expect(dutch.count(from: day, to: try date("2026-04-01")) == 0)
        // strictly after start, end included: Wed 8 to Thu 9 is one
        #expect(dutch.count(from: day, to: try date("2026-04-09")) == 1)
    }

    @Test("given many working-day starts when n working days are added then counting back gives n")
    func countInvertsAdding() throws {
        var start = try date("2025-11-01")
        let stop = try date("2027-02-01")
        var checked = 0
        while start < stop {
            for n in 0...30 where dutch.isWorkingDay(start) || n > 0 {
                // from a non-working day, 0 rolls forward and is not an inverse; every n ≥ 1 is
                let end = dutch.adding(n, to: start)
                #expect(dutch.count(from: start, to: end) == n, "\(start) + \(n) = \(end)")
                #expect(dutch.isWorkingDay(end))
                checked += 1
            }
            start = start.adding(days: 1)
        }
        #expect(checked > 10_000)
    }

    @Test("given long and pre-1970 ranges when working days are counted then the arithmetic agrees with walking day by day")
    func countAgreesWithWalking() throws {
        let rules = [HolidayRules.dutch, HolidayRules(goodFriday: true, liberationDay: .always, extraDates: [LocalDate(year: 1969, month: 12, day: 31)!])]
        let ranges = [("1900-01-01", "1903-06-30"), ("1968-12-20", "1971-01-10"), ("2023-12-31", "2031-01-01"),
                      ("2196-05-05", "2199-12-31"), ("2026-04-04", "2026-04-05"), ("2026-04-03", "2026-04-07")]
        for rule in rules {
            let days = WorkingDays(rules: rule)
            for (from, to) in ranges {
                let start = try date(from), end = try date(to)
                var walked = 0, day = start.adding(days: 1)
                while day <= end {
                    if days.isWorkingDay(day) { walked += 1 }
                    day = day.adding(days: 1)
                }
                #expect(days.count(from: start, to: end) == walked, "\(from) to \(to)")
            }
        }
    }

    @Test("given a working day and a weekend or holiday when asked then only the plain weekday is a working day")
    func isWorkingDay() throws {
        #expect(dutch.isWorkingDay(try date("2026-04-28")))          // Tuesday
        #expect(!dutch.isWorkingDay(try date("2026-05-02")))         // Saturday
        #expect(!dutch.isWorkingDay(try date("2026-05-03")))         // Sunday
        #expect(!dutch.isWorkingDay(try date("2026-05-14")))         // Hemelvaartsdag
        #expect(!dutch.isWorkingDay(try date("2026-01-01")))         // Nieuwjaarsdag
        #expect(!dutch.isWorkingDay(try date("1969-12-25")))         // before the epoch
        #expect(dutch.isWorkingDay(try date("1969-12-24")))          // a Wednesday
    }

    @Test("given the first and last accepted years when holidays and deadlines are computed then nothing crashes")
    func edgeYears() throws {
        #expect(dutch.holidays(in: 1900).count >= 9)
        #expect(dutch.holidays(in: 2199).count >= 9)
        #expect(dutch.adding(1, to: try date("1900-01-01")) == (try date("1900-01-02")))
        // Tue 31 Dec 2199 + 3: past the accepted years, 1 January 2200 is Nieuwjaarsdag
        let end = dutch.adding(3, to: try date("2199-12-31"))
        #expect(end.description == "2200-01-06")
        #expect(dutch.count(from: try date("1900-01-01"), to: try date("2199-12-31")) > 70_000)
    }
}
