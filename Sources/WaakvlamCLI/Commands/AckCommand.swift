import ArgumentParser
import WaakvlamCore
import WaakvlamStore

/// `waakvlam ack`: someone is following a notice up.
struct AckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack", abstract: "Acknowledge a notice: someone is following it up.",
        discussion: "Acknowledges the notice and the open notices of the same case before it, so it climbs no further. When neighbours' complaints are behind it, the reporters' channel hears that it is being followed up — nothing about the resident.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notice id.") var notice: Int64
    @Option(help: "Who acknowledges.") var by: String
    @Option(help: "A short note (at most 280 characters; never logged).") var note: String?

    func run() async throws {
        let environment = try global.openEnvironment()
        do {
            let done = try environment.acknowledge(notice: notice, by: by, note: note, who: Operator.name, at: environment.clock.now())
            try environment.openNoticeLog().deliver()
            Terminal.print("acknowledged \(done.acknowledged.map { "#\($0)" }.joined(separator: ", "))"
                + (done.feedback.isEmpty ? "" : "; \(done.feedback.count) reporter(s) told it is being followed up"))
        } catch let error as FollowUpError {
            Terminal.error("waakvlam ack: \(error)")
            throw ExitCode(2)
        }
    }
}
