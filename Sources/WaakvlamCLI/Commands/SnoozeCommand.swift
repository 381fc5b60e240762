import ArgumentParser
import WaakvlamCore
import WaakvlamService
import WaakvlamSocket
import WaakvlamStore

/// `waakvlam snooze`: put a notice off, with a reason, for a bounded time.
struct SnoozeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snooze", abstract: "Put a notice off until a date, with a reason.",
        discussion: "The notice does not go overdue before then, at most escalation.max_snooze ahead. A safety signal about the household breaks through the snooze. Goes through the daemon's socket when it runs (recorded as 'uid N'); otherwise, and always with --now, works on the state directory.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var daemon: DaemonOptions
    @Argument(help: "The notice id.") var notice: Int64
    @Option(help: "Until this day (YYYY-MM-DD, local) or moment (ISO 8601).") var until: String
    @Option(help: "Why (at most 280 characters; never logged).") var reason: String

    func validate() throws {
        if Moment(parsing: until) == nil { throw ValidationError("--until '\(until)' is not a date or date-time") }
    }

    func run() async throws {
        let configuration = try global.loadConfiguration()
        guard let calendar = LocalCalendar(identifier: configuration.daemon.timeZone), let moment = Moment(parsing: until) else {
            Terminal.error("waakvlam snooze: unknown time zone '\(configuration.daemon.timeZone)'")
            throw ExitCode.failure
        }
        let end = calendar.instant(of: moment)
        switch try DaemonLink.way(configuration, command: "snooze", options: daemon, now: global.now) {
        case .daemon(let link):
            try link.followUp(["op": "snooze", "notice": .int(notice), "until": .int(end), "reason": .string(reason)])
        case .direct(let lock):
            defer { lock.release() }
            let environment = try global.openEnvironment(configuration)
            let now = environment.clock.now()
            do {
                try environment.database.snooze(notice: notice, until: end, reason: reason, at: now,
                                                longest: environment.configuration.daemon.escalation.maxSnooze)
                try environment.database.audit(who: Operator.name, action: "snooze", subject: "notice \(notice)", at: now)
            } catch let error as FollowUpError {
                Terminal.error("waakvlam snooze: \(error)")
                throw ExitCode(2)
            }
        }
        Terminal.print("notice #\(notice) snoozed until \(until)")
    }
}
