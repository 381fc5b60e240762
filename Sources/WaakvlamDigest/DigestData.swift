import WaakvlamCore

/// One day's digest, ready to render: per team what needs attention, and the buildings at amber or red.
public struct DigestData: Sendable, Equatable {
    /// The local day it covers.
    public var day: LocalDate
    /// The one team it was made for; nil: all teams.
    public var team: Team?
    /// One section per team, in configuration order.
    public var sections: [DigestSection]
    /// Buildings at amber or red (of the team, when there is one), red first.
    public var buildings: [DigestBuilding]
    /// The last day of each trend week, oldest first (the last is `day`).
    public var trendWeeks: [LocalDate]

    /// Creates a digest.
    public init(day: LocalDate, team: Team?, sections: [DigestSection], buildings: [DigestBuilding], trendWeeks: [LocalDate]) {
        self.day = day
        self.team = team
        self.sections = sections
        self.buildings = buildings
        self.trendWeeks = trendWeeks
    }
}
