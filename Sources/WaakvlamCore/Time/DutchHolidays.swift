/// The Dutch public holidays of a year under given rules; pure arithmetic, so any Gregorian year works.
enum DutchHolidays {
    /// The holidays of `year` with their Dutch names, sorted by date.
    ///
    /// Holidays on a weekend are listed too (Eerste Paasdag is always a Sunday):
    /// the list says which days are holidays, not which days are lost. Two
    /// holidays on one date (Hemelvaartsdag on 5 May in 2005) are both listed.
    static func list(in year: Int, rules: HolidayRules) -> [(date: LocalDate, name: String)] {
        let easter = easterSunday(in: year)
        var holidays: [(date: LocalDate, name: String)] = []
        func add(_ date: LocalDate, _ name: String) { holidays.append((date, name)) }
        add(LocalDate(unchecked: year, 1, 1), "Nieuwjaarsdag")
        if rules.goodFriday { add(easter.adding(days: -2), "Goede Vrijdag") }
        add(easter, "Eerste Paasdag")
        add(easter.adding(days: 1), "Tweede Paasdag")
        add(kingsDay(in: year), "Koningsdag")
        if rules.liberationDay.isDayOff(in: year) { add(LocalDate(unchecked: year, 5, 5), "Bevrijdingsdag") }
        add(easter.adding(days: 39), "Hemelvaartsdag")
        add(easter.adding(days: 49), "Eerste Pinksterdag")
        add(easter.adding(days: 50), "Tweede Pinksterdag")
        add(LocalDate(unchecked: year, 12, 25), "Eerste Kerstdag")
        add(LocalDate(unchecked: year, 12, 26), "Tweede Kerstdag")
        // Extra dates of other years belong to those years; the same date given twice is one closing day.
        var seenExtra = Set<LocalDate>()
        for extra in rules.extraDates where extra.year == year && seenExtra.insert(extra).inserted {
            add(extra, "Extra sluitingsdag")
        }
        // Sort by date, keeping the order above for equal dates (Swift's sort is not promised stable).
        return holidays.enumerated()
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
    }

    /// Easter Sunday of `year` by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    static func easterSunday(in year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100, c = year % 100
        let d = b / 4, e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(unchecked: year, month, day)
    }

    /// Koningsdag: 27 April, moved to the 26th when the 27th is a Sunday.
    ///
    /// The rule is applied to every year, also before 2014 when the day was
    /// Koninginnedag on 30 April: deadlines are computed for the present.
    static func kingsDay(in year: Int) -> LocalDate {
        let twentySeventh = LocalDate(unchecked: year, 4, 27)
        return Weekday(of: twentySeventh) == .sunday ? twentySeventh.adding(days: -1) : twentySeventh
    }
}

/// The day of the week of a date.
enum Weekday: Int, Sendable {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday of `date`, from 1970-01-01 having been a Thursday.
    init(of date: LocalDate) {
        self.init(daysSinceEpoch: date.daysSinceEpoch)
    }

    /// The weekday of the day `days` after 1970-01-01.
    init(daysSinceEpoch days: Int64) {
        // Monday is 0, so Thursday 1970-01-01 is 3; floor modulo keeps days before 1970 right.
        let index = ((days + 3) % 7 + 7) % 7
        self = Weekday(rawValue: Int(index))!
    }

    /// Whether the day is a Saturday or a Sunday.
    var isWeekend: Bool { self == .saturday || self == .sunday }
}

extension LocalDate {
    /// A date known to exist, built without the range check: holiday arithmetic
    /// also runs for the years just outside `acceptedYears` that a deadline can reach.
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self = LocalDate(daysSinceEpoch: 0)
        self.year = year
        self.month = month
        self.day = day
    }
}
