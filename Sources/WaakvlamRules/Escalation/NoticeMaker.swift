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

    /// Whether `change` is worth a notice: not a subject's first level below amber.
    ///
    /// A first evaluation that finds a household or building green (or a building with too few
    /// households to say) has nothing for anyone to do; told as `onbekend → groen`, a first load
    /// would bury the few real escalations under one line per subject. The change itself is
    /// still recorded.
    public func isWorthTelling(_ change: LevelChange) -> Bool {
        change.from != nil || (change.to ?? .green) >= .amber
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

    /// One notice per team for the level changes a rule change caused, instead of one per change:
    /// subject the team, score the number of changes, rules the rules behind them, and signals
    /// the changed subjects as `type:reference:from>to` (levels as in notices, `unknown` for none).
    public func ruleChangeSummaries(for changes: [LevelChange], in casebook: Casebook, at moment: Int64) -> [Notice] {
        var byTeam: [String: [LevelChange]] = [:]
        for change in changes { byTeam[route(change.subject, in: casebook), default: []].append(change) }
        return byTeam.keys.sorted().map { team in
            let changes = byTeam[team]!
            let rules = Set(changes.flatMap(\.rules)).sorted()
            let subjects = changes.map { change in
                "\(change.subject.kind):\(casebook.reference(of: change.subject)):\(change.from?.rawValue ?? "unknown")>\(change.to?.rawValue ?? "unknown")"
            }
            return Notice(at: moment, kind: .ruleChange, subjectType: "team", subjectID: 0, subjectReference: team, from: nil, to: nil,
                          score: Double(changes.count), rules: rules, signals: subjects, route: team, deadline: nil)
        }
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
