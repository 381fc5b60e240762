/// Working days for deadlines: Monday to Friday, except the holidays of its rules.
///
/// Escalation notices must be acknowledged within a number of working days;
/// counting calendar days would let Easter or Christmas eat a red notice's
/// three days. Holidays are recomputed per year from arithmetic alone, so the
/// value holds no cache and is trivially `Sendable`.
public struct WorkingDays: Sendable {
    /// The holidays that are not working days besides weekends.
    public let rules: HolidayRules

    /// Creates a working-day calendar; by default with the Dutch national holidays.
    public init(rules: HolidayRules = .dutch) {
        self.rules = rules
    }

    /// The holidays of `year` with their Dutch names, sorted by date; those on a weekend included.
    public func holidays(in year: Int) -> [(date: LocalDate, name: String)] {
        DutchHolidays.list(in: year, rules: rules)
    }

    /// Whether `date` is a working day: not a Saturday or Sunday, and not a holiday.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        var lookup = HolidayLookup(rules: rules)
        return lookup.isWorkingDay(date)
    }

    /// The date `count` working days after `date` (count ≥ 0; 0 gives `date` itself if it is a working day, else the next working day).
    ///
    /// For a count of one or more the result is the `count`-th working day
    /// strictly after `date`, also when `date` itself is not a working day: a
    /// notice given on a Saturday with one working day is due on Monday. That
    /// keeps `count(from: date, to: adding(count, to: date)) == count`.
    public func adding(_ count: Int, to date: LocalDate) -> LocalDate {
        precondition(count >= 0, "a deadline cannot lie a negative number of working days ahead")
        var lookup = HolidayLookup(rules: rules)
        var day = date
        if count == 0 {
            while !lookup.isWorkingDay(day) { day = day.adding(days: 1) }
            return day
        }
        var remaining = count
        while remaining > 0 {
            day = day.adding(days: 1)
            if lookup.isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// Working days strictly after `start` up to and including `end` (0 when end ≤ start).
    public func count(from start: LocalDate, to end: LocalDate) -> Int {
        let first = start.daysSinceEpoch, last = end.daysSinceEpoch
        guard last > first else { return 0 }
        // Weekdays by arithmetic and then the holidays on weekdays subtracted,
        // so a span of years costs a few holiday lists, not a walk over every day.
        var total = Self.weekdays(before: last + 1) - Self.weekdays(before: first + 1)
        for year in start.year...end.year {
            for day in HolidayLookup.holidayDays(in: year, rules: rules)
            where day > first && day <= last && !Weekday(daysSinceEpoch: day).isWeekend {
                total -= 1
            }
        }
        return Int(total)
    }

    /// The number of Mondays to Fridays before day `days`, counted from an arbitrary fixed Monday.
    ///
    /// Only differences are meaningful; floor division keeps it right before 1970.
    private static func weekdays(before days: Int64) -> Int64 {
        // Day -3 (1969-12-29) was a Monday: shift so that weeks start at 0.
        let shifted = days + 3
        let weeks = shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
        let rest = shifted - weeks * 7
        return weeks * 5 + min(rest, 5)
    }
}

/// Holiday days of one year at a time, kept while walking day by day so a year's list is built once.
private struct HolidayLookup {
    let rules: HolidayRules
    private var year: Int?
    private var days: Set<Int64> = []

    init(rules: HolidayRules) {
        self.rules = rules
    }

    /// Whether `date` is neither a weekend day nor a holiday.
    mutating func isWorkingDay(_ date: LocalDate) -> Bool {
        let day = date.daysSinceEpoch
        // Weekends first: they need no holiday list at all.
        if Weekday(daysSinceEpoch: day).isWeekend { return false }
        if year != date.year {
            year = date.year
            days = Self.holidayDays(in: date.year, rules: rules)
        }
        return !days.contains(day)
    }

    /// The days (since 1970-01-01) of the holidays of `year`, each once even when two holidays coincide.
    static func holidayDays(in year: Int, rules: HolidayRules) -> Set<Int64> {
        Set(DutchHolidays.list(in: year, rules: rules).map(\.date.daysSinceEpoch))
    }
}
