import ArgumentParser
import WaakvlamStore

/// `waakvlam resolve`: the follow-up of a notice is done.
struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resolve", abstract: "Close the follow-up of a notice.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notice id.") var notice: Int64
    @Option(help: "Who resolves: an account name (a letter, then a-z, 0-9, ., _ or -; at most 64).") var by: String?

    func run() async throws {
        let environment = try global.openEnvironment()
        let now = environment.clock.now()
        do {
            let resolved = try environment.database.resolve(notice: notice, by: by, at: now)
            try environment.database.audit(who: Operator.name, action: "resolve", subject: "notice \(notice)", at: now)
            Terminal.print("resolved \(resolved.map { "#\($0)" }.joined(separator: ", "))")
        } catch let error as FollowUpError {
            Terminal.error("waakvlam resolve: \(error)")
            throw ExitCode(2)
        }
    }
}
