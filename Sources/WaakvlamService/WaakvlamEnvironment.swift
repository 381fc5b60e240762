import Foundation
import WaakvlamConfig
import WaakvlamCore
import WaakvlamIngest
import WaakvlamRules
import WaakvlamStore

/// Where the daemon and every command get their configuration, store and clock.
public struct EnvironmentOptions: Sendable {
    /// The configuration file.
    public var configPath: String
    /// `--state-dir`: everything written goes under it.
    public var stateDirectory: String?
    /// `--now`: the moment commands act at (the daemon starts its clock there).
    public var now: Int64?

    /// Creates options.
    public init(configPath: String, stateDirectory: String? = nil, now: Int64? = nil) {
        self.configPath = configPath
        self.stateDirectory = stateDirectory
        self.now = now
    }
}

/// The pieces shared by the daemon and the commands that work on a state directory directly.
///
/// Built once by ``open(_:)``: configuration checked, state directories made,
/// the database opened and migrated.
public struct WaakvlamEnvironment: Sendable {
    /// Configuration and rules.
    public let configuration: LoadedConfiguration
    /// The store.
    public let database: AppDatabase
    /// The clock everything reads.
    public let clock: any WallClock
    /// The ingest path.
    public let ingestor: Ingestor
    /// The spool directory.
    public let spool: SpoolDirectory
    /// Local dates and days in the configured zone.
    public let calendar: LocalCalendar

    /// The paths in force (after `--state-dir`).
    public var paths: DaemonPaths { configuration.daemon.paths }

    /// Loads the configuration, applying `--state-dir`; throws ``ConfigurationError`` with every problem.
    public static func loadConfiguration(_ options: EnvironmentOptions) throws -> LoadedConfiguration {
        var loaded = try ConfigurationLoader.load(path: options.configPath).get()
        if let stateDirectory = options.stateDirectory {
            loaded.daemon.paths = .all(under: stateDirectory)
        }
        return loaded
    }

    /// Loads configuration, prepares the state directory and opens the store.
    public static func open(_ options: EnvironmentOptions) throws -> WaakvlamEnvironment {
        try open(loadConfiguration(options), now: options.now)
    }

    /// Prepares the state directory of a loaded configuration and opens the store; `now` starts the clock there.
    public static func open(_ configuration: LoadedConfiguration, now: Int64?) throws -> WaakvlamEnvironment {
        let paths = configuration.daemon.paths
        for directory in [paths.stateDirectory, paths.logDirectory, (paths.socketPath as NSString).deletingLastPathComponent] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        }
        let database = try AppDatabase.open(path: paths.databaseFile)
        let clock: any WallClock = now.map { SystemClock(startingAt: $0) } ?? SystemClock()
        return try WaakvlamEnvironment(configuration: configuration, database: database, clock: clock)
    }

    /// Composes an environment from parts (tests pass an in-memory database and a fixed clock).
    public init(configuration: LoadedConfiguration, database: AppDatabase, clock: any WallClock) throws {
        self.configuration = configuration
        self.database = database
        self.clock = clock
        guard let calendar = LocalCalendar(identifier: configuration.daemon.timeZone) else {
            throw ConfigurationError(diagnostics: [ConfigDiagnostic(file: configuration.configFile, line: 1, column: 1, message: "unknown time zone '\(configuration.daemon.timeZone)'")])
        }
        self.calendar = calendar
        let daemon = configuration.daemon
        ingestor = Ingestor(database: database, rules: configuration.rules, calendar: calendar,
                            settings: daemon.ingest, rejectedDirectory: daemon.paths.rejectedDirectory)
        spool = SpoolDirectory(paths: daemon.paths, ingestor: ingestor, settleTime: daemon.ingest.spoolSettleTime)
        try spool.prepare()
    }

    /// Loads the stoplight engine from the store: casebook and stored states, at `now`. Level
    /// changes are saved with their notices.
    public func openLevels(at now: Int64) throws -> LevelKeeper {
        let daemon = configuration.daemon
        let maker = NoticeMaker(teams: daemon.teams, escalation: daemon.escalation, calendar: calendar)
        return try LevelKeeper(database: database, policy: configuration.policy, calendar: calendar, now: now, noticeMaker: maker)
    }

    /// Opens `notices.jsonl` in the log directory; `markEvery` as in ``NoticeLog``.
    public func openNoticeLog(markEvery: Double = 0) throws -> NoticeLog {
        try NoticeLog(path: paths.noticeLogFile, database: database, timeZone: calendar.timeZone, ladder: configuration.daemon.escalation.ladder,
                      markEvery: markEvery)
    }
}
