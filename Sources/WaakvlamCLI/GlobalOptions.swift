import Logging
import ArgumentParser
import Foundation
import WaakvlamConfig
import WaakvlamCore
import WaakvlamService
import WaakvlamStore

/// The options every command takes: `--config`, `--state-dir`, `--now`.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file.", discussion: "Default: $WAAKVLAM_CONFIG, else /etc/waakvlam/waakvlam.yaml when it exists, else config/waakvlam.yaml.", valueName: "path"))
    var config: String?

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("Put everything the daemon writes (database, spool, logs, socket) under this directory.", valueName: "dir"))
    var stateDirectory: String?

    @Option(name: .long, help: ArgumentHelp("Act as if it is this moment (ISO 8601: 2026-11-02 or 2026-11-02T14:30:00+01:00).", valueName: "time"))
    var now: String?

    /// The configuration file in force.
    var configPath: String {
        if let config { return config }
        if let fromEnvironment = ProcessInfo.processInfo.environment["WAAKVLAM_CONFIG"], !fromEnvironment.isEmpty { return fromEnvironment }
        if FileManager.default.fileExists(atPath: "/etc/waakvlam/waakvlam.yaml") { return "/etc/waakvlam/waakvlam.yaml" }
        return "config/waakvlam.yaml"
    }

    func validate() throws {
        if let now, Moment(parsing: now) == nil {
            throw ValidationError("--now '\(now)' is not an ISO 8601 date or date-time with offset")
        }
    }

    /// `--config` and `--state-dir`, as the environment and a reload read them.
    var environmentOptions: EnvironmentOptions {
        EnvironmentOptions(configPath: configPath, stateDirectory: stateDirectory)
    }

    /// `--now` as an instant; a bare date means local midnight in the configured zone.
    func instant(timeZone: String) -> Int64? {
        guard let now, let moment = Moment(parsing: now), let calendar = LocalCalendar(identifier: timeZone) else { return nil }
        return calendar.instant(of: moment)
    }

    /// Loads the configuration (with `--state-dir` applied) or reports every problem and exits 1.
    func loadConfiguration() throws -> LoadedConfiguration {
        do {
            return try WaakvlamEnvironment.loadConfiguration(environmentOptions)
        } catch let error as ConfigurationError {
            Terminal.error(error.description)
            throw ExitCode.failure
        }
    }

    /// Loads the configuration without printing problems (for commands that can do without it).
    func loadConfigurationQuietly() throws -> LoadedConfiguration {
        try WaakvlamEnvironment.loadConfiguration(environmentOptions)
    }

    /// Opens configuration, state directory and store, or explains why not and exits 1.
    func openEnvironment() throws -> WaakvlamEnvironment {
        try openEnvironment(loadConfiguration())
    }

    /// Opens state directory and store for a configuration already loaded, or explains why not and exits 1.
    func openEnvironment(_ configuration: LoadedConfiguration) throws -> WaakvlamEnvironment {
        do {
            return try WaakvlamEnvironment.open(configuration, now: instant(timeZone: configuration.daemon.timeZone))
        } catch {
            throw Self.explained(error)
        }
    }

    /// ``openEnvironment()`` for the daemon: waits with back-off while another process holds the
    /// store's lock or the disk is full (see ``StoreOpening``).
    func openEnvironment(_ configuration: LoadedConfiguration, waiting logger: Logger, notifier: SystemdNotifier) async throws -> WaakvlamEnvironment {
        let now = instant(timeZone: configuration.daemon.timeZone)
        do {
            return try await StoreOpening.open(logger: logger, notifier: notifier) { try WaakvlamEnvironment.open(configuration, now: now) }
        } catch {
            throw Self.explained(error)
        }
    }

    /// Says on standard error why the environment could not be opened (a locked store or a full
    /// disk in an operator's words, see ``StoreFaultExplanation``); the command then exits 1.
    private static func explained(_ error: any Error) -> ExitCode {
        if let error = error as? ConfigurationError {
            Terminal.error(error.description)
        } else {
            Terminal.error("waakvlam: \(StoreFaultExplanation(error).map { "\($0)" } ?? "\(FaultDescription.of(error))")")
        }
        return .failure
    }
}
