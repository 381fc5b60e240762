import ArgumentParser
import WaakvlamCore
import WaakvlamService
import WaakvlamSocket
import WaakvlamStore

/// `waakvlam ack`: someone is following a notice up.
struct AckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack", abstract: "Acknowledge a notice: someone is following it up.",
        discussion: "Acknowledges the notice and the open notices of the same case before it, so it climbs no further. When neighbours' complaints are behind it, the reporters' channel hears that it is being followed up — nothing about the resident. Goes through the daemon's socket when it runs (recorded as 'uid N'); otherwise, and always with --now, works on the state directory.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var daemon: DaemonOptions
    @Argument(help: "The notice id.") var notice: Int64
    @Option(help: "Who acknowledges: an account name (a letter, then a-z, 0-9, ., _ or -; at most 64).") var by: String
    @Option(help: "A short note (at most 280 characters; never logged).") var note: String?

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let acknowledged: [Int64], feedback: Int
        switch try DaemonLink.way(configuration, command: "ack", options: daemon, now: global.now) {
        case .daemon(let link):
            var request: [String: JSONValue] = ["op": "ack", "notice": .int(notice), "by": .string(by)]
            if let note { request["note"] = .string(note) }
            switch try link.call(request) {
            case .ok(let members):
                acknowledged = members["acknowledged"]?.arrayValue?.compactMap(\.int64Value) ?? []
                feedback = Int(members["feedback"]?.int64Value ?? 0)
            case .failed(let message):
                Terminal.error("waakvlam ack: \(message)")
                throw ExitCode(2)
            }
        case .direct(let lock):
            defer { lock.release() }
            let environment = try global.openEnvironment(configuration)
            do {
                let done = try environment.acknowledge(notice: notice, by: by, note: note, who: Operator.name, at: environment.clock.now())
                try environment.openNoticeLog().deliver()
                (acknowledged, feedback) = (done.acknowledged, done.feedback.count)
            } catch let error as FollowUpError {
                Terminal.error("waakvlam ack: \(error)")
                throw ExitCode(2)
            }
        }
        Terminal.print("acknowledged \(acknowledged.map { "#\($0)" }.joined(separator: ", "))"
            + (feedback == 0 ? "" : "; \(feedback) reporter(s) told it is being followed up"))
    }
}
