import WaakvlamCore

/// What one team reads for one day.
public struct DigestSection: Sendable, Equatable {
    /// The team.
    public var team: Team
    /// Households that became red that day.
    public var newReds: [DigestEntry]
    /// Households that became amber that day.
    public var newAmbers: [DigestEntry]
    /// Notices past their deadline by the end of the day, not acknowledged, resolved or snoozed past it.
    public var overdue: [DigestEntry]
    /// Households whose level went down that day.
    public var deEscalations: [DigestEntry]
    /// Aftercare check-ins due that day.
    public var checkIns: [DigestEntry]

    /// Creates a section.
    public init(team: Team, newReds: [DigestEntry] = [], newAmbers: [DigestEntry] = [], overdue: [DigestEntry] = [],
                deEscalations: [DigestEntry] = [], checkIns: [DigestEntry] = []) {
        self.team = team
        self.newReds = newReds
        self.newAmbers = newAmbers
        self.overdue = overdue
        self.deEscalations = deEscalations
        self.checkIns = checkIns
    }

    /// Nothing to report for the team that day.
    public var isQuiet: Bool {
        newReds.isEmpty && newAmbers.isEmpty && overdue.isEmpty && deEscalations.isEmpty && checkIns.isEmpty
    }
}
