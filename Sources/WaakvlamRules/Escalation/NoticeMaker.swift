import WaakvlamCore

/// Turns level changes into notices: kind, owner (team by neighbourhood) and deadline in working days.
public struct NoticeMaker: Sendable {
    /// The teams, in configuration order; the first takes what no team lists.
    public let teams: [Team]
    /// Deadlines and the ladder.
    public let escalation: EscalationSettings
    /// Local dates.
    public let calendar: LocalCalendar
    /// Which days count.
    public let workingDays: WorkingDays

    /// Creates a notice maker.
    public init(teams: [Team], escalation: EscalationSettings, calendar: LocalCalendar, workingDays: WorkingDays = WorkingDays()) {
        self.teams = teams
        self.escalation = escalation
        self.calendar = calendar
        self.workingDays = workingDays
    }

    /// The notice for `change`, with references and neighbourhoods read from `casebook`.
    public func notice(for change: LevelChange, in casebook: Casebook) -> Notice {
        let kind: NoticeKind
        switch change.subject {
        case .resident: kind = change.isEscalation || change.from == nil ? .escalation : .deEscalation
        case .building: kind = .building
        }
        var deadline: Int64?
        if kind == .escalation, let to = change.to, let days = escalation.deadline(for: to) {
            deadline = self.deadline(after: change.at, workingDays: days)
        }
        return Notice(at: change.at, kind: kind, subjectType: change.subject.kind, subjectID: change.subject.id,
                      subjectReference: casebook.reference(of: change.subject), from: change.from, to: change.to, score: change.score,
                      rules: change.rules, signals: change.signals, route: route(change.subject, in: casebook), deadline: deadline)
    }

    /// A reminder that an aftercare check-in is due for `resident`, with the amber deadline.
    public func reminder(for resident: ResidentCase, level: Level, at moment: Int64, in casebook: Casebook) -> Notice {
        Notice(at: moment, kind: .reminder, subjectType: "resident", subjectID: resident.id, subjectReference: resident.facts.reference,
                      from: level, to: level, score: 0, rules: ["nazorg"], signals: [], route: route(.resident(resident.id), in: casebook),
                      deadline: deadline(after: moment, workingDays: escalation.amberDeadline))
    }

    /// The team that owns notices about `subject` (empty when no team is configured).
    public func route(_ subject: Subject, in casebook: Casebook) -> String {
        teams.route(neighbourhood: casebook.neighbourhood(of: subject))?.id ?? ""
    }

    /// The end of the working day `days` working days after the local day of `moment`.
    public func deadline(after moment: Int64, workingDays days: Int) -> Int64 {
        let last = workingDays.adding(days, to: calendar.localDate(of: moment))
        return calendar.startOfDay(last.adding(days: 1)) - 1
    }
}
