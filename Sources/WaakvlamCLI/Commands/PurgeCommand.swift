import ArgumentParser
import WaakvlamCore
import WaakvlamService
import WaakvlamStore

/// `waakvlam purge`: applies the retention periods (`retention:` in the configuration) now.
///
/// It works on the store directly and is recorded like the daemon's daily purge (`purge_run`
/// and `audit`). A running daemon still holds the households deleted in memory until its own
/// next daily purge, at which it forgets every household no longer stored.
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "purge", abstract: "Apply the retention periods now.")
    @OptionGroup var global: GlobalOptions
    @Flag(name: .customLong("dry-run"), help: "Only count what would be deleted.") var dryRun = false
    @Flag(help: "Machine-readable output.") var json = false

    /// What `--json` prints.
    struct Report: Encodable {
        var at: Int64
        var dryRun: Bool
        var counts: PurgeCounts

        enum CodingKeys: String, CodingKey {
            case at, counts
            case dryRun = "dry_run"
        }
    }

    func run() async throws {
        let configuration = try global.loadConfiguration()
        // The daemon holds households in memory and purges daily itself: never beside it.
        let lock = try StateAccess.lockForCommand(configuration, command: "purge",
                                                  besideDaemon: "purge works only while no daemon runs (the daemon applies retention itself each day)")
        defer { lock.release() }
        let environment = try global.openEnvironment(configuration)
        let loaded = environment.configuration
        let now = environment.clock.now()
        let cutoffs = PurgeCutoffs(retention: loaded.daemon.retention, lookBack: loaded.policy.lookBack, calendar: environment.calendar, now: now)
        let counts = try environment.database.purge(cutoffs, at: now, dryRun: dryRun, trigger: .command, who: Operator.name)
        if json { return try Terminal.json(Report(at: now, dryRun: dryRun, counts: counts)) }
        Terminal.print(dryRun ? "would delete (dry run, nothing deleted):" : "deleted:")
        for (name, count) in counts.kinds {
            Terminal.print("  \(name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(count)")
        }
    }
}
