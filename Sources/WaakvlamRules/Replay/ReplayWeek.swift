import WaakvlamCore

/// An ISO week (and, in tallies, a team), the unit a back-test reports in.
public struct ReplayWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The ISO week-numbering year.
    public var year: Int
    /// The ISO week, 1…53.
    public var week: Int
    /// The team id, or empty for the week alone.
    public var team: String

    /// Creates a week key.
    public init(year: Int, week: Int, team: String = "") {
        self.year = year
        self.week = week
        self.team = team
    }

    /// The ISO week a date falls in.
    public init(date: LocalDate) {
        // Days since the epoch: 1970-01-01 was a Thursday; ISO weeks start on Monday.
        let days = date.daysSinceEpoch
        let weekday = Int(((days + 3) % 7 + 7) % 7) // 0 = Monday
        let thursday = LocalDate(daysSinceEpoch: days - Int64(weekday) + 3)
        let januaryFirst = LocalDate(year: thursday.year, month: 1, day: 1)!
        self.init(year: thursday.year, week: Int((thursday.daysSinceEpoch - januaryFirst.daysSinceEpoch) / 7) + 1)
    }

    /// `2026-W05`.
    public var description: String {
        year.description + "-W" + (week < 10 ? "0" : "") + week.description
    }

    public static func < (lhs: ReplayWeek, rhs: ReplayWeek) -> Bool {
        (lhs.year, lhs.week, lhs.team) < (rhs.year, rhs.week, rhs.team)
    }
}
