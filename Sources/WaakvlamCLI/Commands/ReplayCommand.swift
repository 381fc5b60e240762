import ArgumentParser
import Foundation
import WaakvlamConfig
import WaakvlamCore
import WaakvlamRules

/// `waakvlam replay`: a rule set tried on stored history, next to the rules in force.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Back-test a rule set on stored history.",
        discussion: """
            Runs the rules in FILE and the rules in force over the stored signals in simulated time, a day at a time, \
            and reports per ISO week and team how many residents would have gone amber and red and how many notices \
            (level changes) would have been sent. Default period: the 12 weeks up to --now.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The rules file to try.") var rules: String
    @Option(help: "First day (YYYY-MM-DD).") var from: String?
    @Option(help: "Last day (YYYY-MM-DD).") var to: String?
    @Flag(help: "Machine-readable output.") var json = false

    struct Row: Encodable {
        var week: String
        var team: String
        var inForce: ReplayTally
        var candidate: ReplayTally
    }

    struct Report: Encodable {
        var from: String
        var to: String
        var rules: String
        var weeks: [Row]
        var totals: [String: ReplayTally]
    }

    func validate() throws {
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, LocalDate(parsing: value) == nil { throw ValidationError("\(name) '\(value)' is not a date (YYYY-MM-DD)") }
        }
    }

    func run() async throws {
        let environment = try global.openEnvironment()
        let candidate: StoplightPolicy
        switch RulesLoader.load(path: rules) {
        case .success(let policy): candidate = policy
        case .failure(let error):
            Terminal.error(error.description)
            throw ExitCode.failure
        }
        let calendar = environment.calendar
        let last = to.flatMap { LocalDate(parsing: $0) } ?? calendar.localDate(of: environment.clock.now())
        let first = from.flatMap { LocalDate(parsing: $0) } ?? last.adding(days: -83)
        guard first <= last else {
            Terminal.error("waakvlam: --from \(first) is after --to \(last)")
            throw ExitCode.failure
        }
        let inForce = environment.configuration.policy
        let lookBack = max(inForce.lookBack, candidate.lookBack)
        let history = try environment.database.loadCasebook(calendar: calendar, since: calendar.startOfDay(first) - lookBack.seconds).casebook
        let replay = Replay(history: history, calendar: calendar)
        let teams = environment.configuration.daemon.teams
        let route = { (subject: Subject, casebook: Casebook) -> String in
            teams.route(neighbourhood: casebook.neighbourhood(of: subject))?.id ?? "-"
        }
        let current = replay.run(policy: inForce, from: first, to: last, route: route)
        let trial = replay.run(policy: candidate, from: first, to: last, route: route)
        let keys = Set(current.keys).union(trial.keys).sorted()
        let rows = keys.map { Row(week: ReplayWeek(year: $0.year, week: $0.week).description, team: $0.team,
                                  inForce: current[$0] ?? ReplayTally(), candidate: trial[$0] ?? ReplayTally()) }
        var totals = ["in_force": ReplayTally(), "candidate": ReplayTally()]
        for row in rows {
            totals["in_force"]?.add(row.inForce)
            totals["candidate"]?.add(row.candidate)
        }
        let report = Report(from: "\(first)", to: "\(last)", rules: rules, weeks: rows, totals: totals)
        if json { return try Terminal.json(report) }
        print(report)
    }

    private func print(_ report: Report) {
        Terminal.print("back-test \(report.from) … \(report.to): rules in force vs \(report.rules)")
        Terminal.print("week      team                  in force: amber  red  notices   candidate: amber  red  notices")
        let pad = { (text: String, width: Int) in text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
        let number = { (value: Int, width: Int) in String(repeating: " ", count: max(0, width - String(value).count)) + String(value) }
        let line = { (week: String, team: String, a: ReplayTally, b: ReplayTally) in
            pad(week, 10) + pad(team, 22) + "          " + number(a.amber, 5) + number(a.red, 5) + number(a.notices, 9)
                + "              " + number(b.amber, 5) + number(b.red, 5) + number(b.notices, 9)
        }
        for row in report.weeks { Terminal.print(line(row.week, row.team, row.inForce, row.candidate)) }
        Terminal.print(line("total", "", report.totals["in_force"] ?? ReplayTally(), report.totals["candidate"] ?? ReplayTally()))
    }
}
