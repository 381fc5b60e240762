import ArgumentParser
import WaakvlamCore
import WaakvlamDigest

/// `waakvlam digest`: the daily digest for outreach workers, per team, as text or HTML on standard output.
///
/// It reads what the engine has stored (notices, levels, level changes); it does not evaluate.
/// Every rendering is recorded in the audit table.
struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "digest", abstract: "The daily digest for outreach workers.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The day (YYYY-MM-DD); default: the local date of --now or now.") var date: String?
    @Option(help: "One team's digest (a team id from the configuration); default: every team.") var team: String?
    @Option(help: "text or html.") var format: String = "text"
    @Option(help: "nl (Dutch) or en (English); default: digest.language of the configuration.") var language: String?

    func validate() throws {
        if let date, LocalDate(parsing: date) == nil { throw ValidationError("--date '\(date)' is not a date (YYYY-MM-DD)") }
        guard ["text", "html"].contains(format) else { throw ValidationError("--format must be text or html, not '\(format)'") }
        if let language, DigestLanguage(rawValue: language) == nil { throw ValidationError("--language must be nl or en, not '\(language)'") }
    }

    func run() async throws {
        let environment = try global.openEnvironment()
        let daemon = environment.configuration.daemon
        if let team, !daemon.teams.contains(where: { $0.id == team }) {
            Terminal.error("waakvlam: no team '\(team)' is configured; known teams: \(daemon.teams.map(\.id).joined(separator: ", "))")
            throw ExitCode(2)
        }
        let now = environment.clock.now()
        let day = date.flatMap { LocalDate(parsing: $0) } ?? environment.calendar.localDate(of: now)
        let builder = DigestBuilder(database: environment.database, policy: environment.configuration.policy, teams: daemon.teams, calendar: environment.calendar)
        let data = try builder.build(for: day, team: team)
        let chosen = DigestLanguage(rawValue: language ?? environment.configuration.daemon.digest.language) ?? .dutch
        let rendered = format == "html" ? DigestHTML(language: chosen).render(data) : DigestText(language: chosen).render(data)
        // A digest names households: the rendering is audited before anything is shown.
        try DigestAudit.record(in: environment.database, at: now, subject: DigestAudit.subject(team: team, day: day))
        Terminal.output(rendered)
    }
}
