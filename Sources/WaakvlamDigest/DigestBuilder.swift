import GRDB
import WaakvlamCore
import WaakvlamRules
import WaakvlamStore

/// Reads one local day's digest from the store: new reds and ambers, what is overdue,
/// de-escalations, aftercare check-ins and the buildings at amber or red with their trend.
public struct DigestBuilder: Sendable {
    /// The store.
    public let database: AppDatabase
    /// The rules in force: their Dutch descriptions are the reasons people read.
    public let policy: StoplightPolicy
    /// The teams, in configuration order.
    public let teams: [Team]
    /// Local days in the configured zone.
    public let calendar: LocalCalendar

    /// How many weeks a building's trend shows.
    public static let trendWeekCount = 8

    /// Creates a builder.
    public init(database: AppDatabase, policy: StoplightPolicy, teams: [Team], calendar: LocalCalendar) {
        self.database = database
        self.policy = policy
        self.teams = teams
        self.calendar = calendar
    }

    /// The digest for `day`, for the team with id `team` or (nil) for every team.
    /// Throws ``DigestError/unknownTeam(_:known:)`` for a team that is not configured.
    public func build(for day: LocalDate, team: String? = nil) throws -> DigestData {
        let chosen = try team.map { id in
            guard let found = teams.first(where: { $0.id == id }) else { throw DigestError.unknownTeam(id, known: teams.map(\.id)) }
            return found
        }
        let start = calendar.startOfDay(day), end = calendar.startOfDay(day.adding(days: 1)) - 1
        let weeks = (0..<Self.trendWeekCount).map { day.adding(days: -7 * Int64(Self.trendWeekCount - 1 - $0)) }
        let weekEnds = weeks.map { calendar.startOfDay($0.adding(days: 1)) - 1 }
        return try database.writer.read { db in
            let raised = try DigestNoticeRow.raised(db, kinds: ["escalation", "de-escalation", "reminder"], from: start, to: end)
            let overdue = try DigestNoticeRow.overdue(db, by: end)
            var types: [String: String?] = [:]
            let entry = { (row: DigestNoticeRow) in try self.entry(row, db, types: &types) }
            var sectionTeams = chosen.map { [$0] } ?? teams
            if chosen == nil {
                // A route no longer configured still gets read, under its own id.
                for route in (raised + overdue).map(\.route) where !sectionTeams.contains(where: { $0.id == route }) {
                    sectionTeams.append(Team(id: route, name: route))
                }
            }
            let sections = try sectionTeams.map { team in
                let mine = raised.filter { $0.route == team.id }
                return DigestSection(
                    team: team,
                    newReds: try mine.filter { $0.kind == "escalation" && $0.to == .red }.map(entry),
                    newAmbers: try mine.filter { $0.kind == "escalation" && $0.to == .amber }.map(entry),
                    overdue: try overdue.filter { $0.route == team.id }.map(entry),
                    deEscalations: try mine.filter { $0.kind == "de-escalation" }.map(entry),
                    checkIns: try mine.filter { $0.kind == "reminder" }.map(entry))
            }
            let buildings = try DigestBuildingRow.concerning(db).compactMap { row -> DigestBuilding? in
                let route = teams.route(neighbourhood: row.neighbourhood)?.id ?? ""
                if let chosen, route != chosen.id { return nil }
                return DigestBuilding(reference: row.reference, name: row.name, route: route, level: row.level,
                                      since: calendar.localDate(of: row.since), measures: row.measures,
                                      trend: try DigestBuildingRow.levels(db, building: row.id, at: weekEnds))
            }
            return DigestData(day: day, team: chosen, sections: sections, buildings: buildings, trendWeeks: weeks)
        }
    }

    private func entry(_ row: DigestNoticeRow, _ db: Database, types: inout [String: String?]) throws -> DigestEntry {
        let reasons = row.rules.map { name in
            let description = policy.rules.first { $0.name == name }?.description ?? ""
            return description.isEmpty ? name : description
        }
        var signals: [String] = []
        for reference in row.signals {
            if types[reference] == nil { types[reference] = try signalType(reference, db) }
            guard let code = types[reference] ?? nil else { continue }
            let description = policy.ruleSet.signalType(code)?.description ?? ""
            let words = description.isEmpty ? code : description
            if !signals.contains(words) { signals.append(words) }
        }
        return DigestEntry(noticeID: row.id, household: row.reference, at: row.at, from: row.from, to: row.to, score: row.score,
                           reasons: reasons, signals: signals, deadline: row.deadline.map(calendar.localDate(of:)), rung: row.rung)
    }

    /// The type code of the signal named `source:id`; nil when it is gone (retention) or unknown.
    private func signalType(_ reference: String, _ db: Database) throws -> String? {
        // Either part may hold a colon: try each split, the first colon first.
        for colon in reference.indices where reference[colon] == ":" {
            let source = String(reference[..<colon]), external = String(reference[reference.index(after: colon)...])
            if let type = try String.fetchOne(db, sql: """
                SELECT s.type FROM signal s JOIN source src ON src.id = s.source_id WHERE src.name = ? AND s.external_id = ?
                """, arguments: [source, external]) {
                return type
            }
        }
        return nil
    }
}
