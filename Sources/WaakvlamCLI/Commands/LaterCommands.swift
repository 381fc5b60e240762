import ArgumentParser

// Commands of the contract whose behaviour arrives with later issues. They
// parse their documented options now, so scripts and --help are stable, and
// refuse plainly instead of pretending.

/// `waakvlam purge`.
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "purge", abstract: "Apply the retention periods now.")
    @OptionGroup var global: GlobalOptions
    @Flag(name: .customLong("dry-run"), help: "Only count what would be deleted.") var dryRun = false
    @Flag(help: "Machine-readable output.") var json = false
    func run() async throws { try NotYetAvailable.exit("purge", comesWith: "retention (operations)") }
}
