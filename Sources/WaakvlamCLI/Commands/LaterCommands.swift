import ArgumentParser

// Commands of the contract whose behaviour arrives with later issues. They
// parse their documented options now, so scripts and --help are stable, and
// refuse plainly instead of pretending.

/// `waakvlam ack`.
struct AckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge a notice: someone is following it up.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notice id.") var notice: Int64
    @Option(help: "Who acknowledges.") var by: String
    @Option(help: "A short note.") var note: String?
    func run() async throws { try NotYetAvailable.exit("ack", comesWith: "escalation notices") }
}

/// `waakvlam contact`.
struct ContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "contact", abstract: "Record a contact attempt with a resident.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Household reference.") var resident: String
    @Option(help: "visit, phone or letter.") var method: String
    @Option(help: "yes or no.") var reached: String
    func run() async throws { try NotYetAvailable.exit("contact", comesWith: "escalation notices and follow-up") }
}

/// `waakvlam resolve`.
struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resolve", abstract: "Close the follow-up of a notice.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notice id.") var notice: Int64
    @Option(help: "Who resolves.") var by: String?
    func run() async throws { try NotYetAvailable.exit("resolve", comesWith: "escalation notices and follow-up") }
}

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
