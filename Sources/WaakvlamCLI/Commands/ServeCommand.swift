import ArgumentParser
import Logging
import WaakvlamService

/// `waakvlam serve`: run the daemon.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the daemon until SIGTERM or SIGINT.",
        discussion: "Speaks the systemd notify protocol when NOTIFY_SOCKET is set. Logs go to standard error.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func run() async throws {
        Daemon.ignoreControlSignalsUntilTrapped()
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { JournalLogHandler(label: $0, level: level) }
        let logger = Logger(label: "waakvlam")
        let notifier = SystemdNotifier()
        let configuration = try global.loadConfiguration()
        // One daemon per state directory: locked before the store, the spool or the notice log
        // is opened, so a second one is refused before it does any work or says READY.
        let lock = try StateAccess.lockForDaemon(configuration.daemon.paths.stateDirectory, logger: logger)
        let environment = try await global.openEnvironment(configuration, waiting: logger, notifier: notifier)
        // A reload reads the same files with the same `--state-dir` as the start did.
        try await Daemon(environment: environment, options: global.environmentOptions, logger: logger, notifier: notifier).run()
        lock.release()
    }
}
