import WaakvlamCore

/// A wall-clock time in Europe/Amsterdam with the UTC offset in force then.
///
/// The offset follows the EU rule the Netherlands has kept since 1996:
/// summer time (+02:00) from the last Sunday of March, 01:00 UTC, to the last
/// Sunday of October, 01:00 UTC; +01:00 otherwise. The rule is computed here
/// rather than read from the system's time-zone database, so the simulation
/// gives the same text everywhere.
public struct SyntheticTimeOfDay: Sendable, Hashable {
    /// The hour, 0 to 23.
    public var hour: Int
    /// The minute, 0 to 59.
    public var minute: Int
    /// The offset from UTC in hours: 1 in winter, 2 in summer.
    public var utcOffsetHours: Int

    /// Creates a time with an explicit offset.
    public init(hour: Int, minute: Int, utcOffsetHours: Int) {
        self.hour = hour
        self.minute = minute
        self.utcOffsetHours = utcOffsetHours
    }

    /// The Amsterdam time `hour:minute` on `date`, moved out of the hour that does not exist in spring.
    ///
    /// In autumn the hour from 02:00 occurs twice; the second (winter) one is taken.
    public static func amsterdam(on date: LocalDate, hour: Int, minute: Int) -> SyntheticTimeOfDay {
        let day = date.daysSinceEpoch
        let summerStarts = lastSunday(month: 3, year: date.year)
        let summerEnds = lastSunday(month: 10, year: date.year)
        var hour = hour
        let offset: Int
        if day < summerStarts || day > summerEnds {
            offset = 1
        } else if day == summerStarts {
            if hour == 2 { hour = 3 }
            offset = hour < 2 ? 1 : 2
        } else if day == summerEnds {
            offset = hour < 2 ? 2 : 1
        } else {
            offset = 2
        }
        return SyntheticTimeOfDay(hour: hour, minute: minute, utcOffsetHours: offset)
    }

    /// Days since the epoch of the last Sunday of `month` in `year`.
    static func lastSunday(month: Int, year: Int) -> Int64 {
        let last = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))!.daysSinceEpoch
        // 1970-01-01 was a Thursday: weekday 4 when Sunday is 0.
        let weekday = ((last + 4) % 7 + 7) % 7
        return last - weekday
    }
}
