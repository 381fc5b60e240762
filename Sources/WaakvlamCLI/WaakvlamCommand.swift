import ArgumentParser

/// The `waakvlam` command: one binary, one subcommand per job.
public struct WaakvlamCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "waakvlam",
        abstract: "Early signals about residents and buildings, scored green / amber / red, for outreach workers.",
        discussion: "Every command accepts --config, --state-dir and --now. See README.md for the feed formats.",
        subcommands: [
            ServeCommand.self, CheckCommand.self, IngestCommand.self, TailCommand.self, StatusCommand.self,
            ExplainCommand.self, AckCommand.self, ContactCommand.self, ResolveCommand.self, SnoozeCommand.self, DigestCommand.self,
            TestRulesCommand.self, ReplayCommand.self, PurgeCommand.self, SimulateCommand.self, DemoCommand.self, ReloadCommand.self,
        ])

    public init() {}

    /// Parses and runs the command; a store that is locked by another process or on a full disk
    /// is explained in an operator's words rather than SQLite's alone.
    public static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: StoreFaultExplanation(error) ?? PlainFault.wrapping(error))
        }
    }
}
