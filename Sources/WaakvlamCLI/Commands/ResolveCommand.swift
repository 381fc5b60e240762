import ArgumentParser
import WaakvlamService
import WaakvlamSocket
import WaakvlamStore

/// `waakvlam resolve`: the follow-up of a notice is done.
struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Close the follow-up of a notice.",
        discussion: "Goes through the daemon's socket when it runs (recorded as 'uid N'); otherwise, and always with --now, works on the state directory.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var daemon: DaemonOptions
    @Argument(help: "The notice id.") var notice: Int64
    @Option(help: "Who resolves: an account name (a letter, then a-z, 0-9, ., _ or -; at most 64).") var by: String?

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let resolved: [Int64]
        switch try DaemonLink.way(configuration, command: "resolve", options: daemon, now: global.now) {
        case .daemon(let link):
            var request: [String: JSONValue] = ["op": "resolve", "notice": .int(notice)]
            if let by { request["by"] = .string(by) }
            resolved = try link.followUp(request)["resolved"]?.arrayValue?.compactMap(\.int64Value) ?? []
        case .direct(let lock):
            defer { lock.release() }
            let environment = try global.openEnvironment(configuration)
            let now = environment.clock.now()
            do {
                resolved = try environment.database.resolve(notice: notice, by: by, at: now)
                try environment.database.audit(who: Operator.name, action: "resolve", subject: "notice \(notice)", at: now)
            } catch let error as FollowUpError {
                Terminal.error("waakvlam resolve: \(error)")
                throw ExitCode(2)
            }
        }
        Terminal.print("resolved \(resolved.map { "#\($0)" }.joined(separator: ", "))")
    }
}
