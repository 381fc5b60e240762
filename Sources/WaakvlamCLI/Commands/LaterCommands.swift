import ArgumentParser

// Commands of the contract whose behaviour arrives with later issues. They
// parse their documented options now, so scripts and --help are stable, and
// refuse plainly instead of pretending.

/// `waakvlam digest`.
struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "digest", abstract: "The daily digest for outreach workers.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The day (YYYY-MM-DD).") var date: String?
    @Option(help: "One team's digest.") var team: String?
    @Option(help: "text or html.") var format: String = "text"
    func run() async throws { try NotYetAvailable.exit("digest", comesWith: "escalation notices and the daily digest") }
}

/// `waakvlam purge`.
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "purge", abstract: "Apply the retention periods now.")
    @OptionGroup var global: GlobalOptions
    @Flag(name: .customLong("dry-run"), help: "Only count what would be deleted.") var dryRun = false
    @Flag(help: "Machine-readable output.") var json = false
    func run() async throws { try NotYetAvailable.exit("purge", comesWith: "retention (operations)") }
}
