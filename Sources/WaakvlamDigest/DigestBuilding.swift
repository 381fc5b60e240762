import WaakvlamCore

/// A building at amber or red, with its placement advice and its recent course.
public struct DigestBuilding: Sendable, Equatable {
    /// The corporation's building reference.
    public var reference: String
    /// The building's name, if the registry gives one.
    public var name: String?
    /// The team its neighbourhood is routed to.
    public var route: String
    /// Its level now (amber or red).
    public var level: Level
    /// The local day it reached this level.
    public var since: LocalDate
    /// The measures that reach amber or red (`concern_share`, `nuisance_per_dwelling`, `vulnerable_share`, `turnover`).
    public var measures: [String]
    /// Its level at the end of each of the last 8 weeks, oldest first; nil where unknown.
    public var trend: [Level?]

    /// Creates a building entry.
    public init(reference: String, name: String?, route: String, level: Level, since: LocalDate, measures: [String], trend: [Level?]) {
        self.reference = reference
        self.name = name
        self.route = route
        self.level = level
        self.since = since
        self.measures = measures
        self.trend = trend
    }
}
