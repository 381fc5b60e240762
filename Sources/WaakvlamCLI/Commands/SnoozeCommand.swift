import ArgumentParser
import WaakvlamCore
import WaakvlamStore

/// `waakvlam snooze`: put a notice off, with a reason, for a bounded time.
struct SnoozeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snooze", abstract: "Put a notice off until a date, with a reason.",
        discussion: "The notice does not go overdue before then, at most escalation.max_snooze ahead. A safety signal about the household breaks through the snooze.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notice id.") var notice: Int64
    @Option(help: "Until this day (YYYY-MM-DD, local) or moment (ISO 8601).") var until: String
    @Option(help: "Why (at most 280 characters; never logged).") var reason: String

    func validate() throws {
        if Moment(parsing: until) == nil { throw ValidationError("--until '\(until)' is not a date or date-time") }
    }

    func run() async throws {
        let environment = try global.openEnvironment()
        let now = environment.clock.now()
        let end = environment.calendar.instant(of: Moment(parsing: until)!)
        do {
            try environment.database.snooze(notice: notice, until: end, reason: reason, at: now,
                                            longest: environment.configuration.daemon.escalation.maxSnooze)
            try environment.database.audit(who: Operator.name, action: "snooze", subject: "notice \(notice)", at: now)
            Terminal.print("notice #\(notice) snoozed until \(until)")
        } catch let error as FollowUpError {
            Terminal.error("waakvlam snooze: \(error)")
            throw ExitCode(2)
        }
    }
}
