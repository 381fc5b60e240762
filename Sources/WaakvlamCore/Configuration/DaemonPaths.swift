/// The directories and files the daemon writes.
///
/// `--state-dir DIR` replaces all of them with places under `DIR`, so a test
/// or a second instance never touches the real one.
public struct DaemonPaths: Sendable, Equatable {
    /// The database, the spool directories and the digests.
    public var stateDirectory: String
    /// The notice log.
    public var logDirectory: String
    /// The Unix socket clients talk to.
    public var socketPath: String

    /// Creates paths.
    public init(stateDirectory: String, logDirectory: String, socketPath: String) {
        self.stateDirectory = stateDirectory
        self.logDirectory = logDirectory
        self.socketPath = socketPath
    }

    /// Everything under one directory, as `--state-dir` asks.
    public static func all(under directory: String) -> DaemonPaths {
        DaemonPaths(stateDirectory: directory, logDirectory: directory + "/log", socketPath: directory + "/waakvlam.sock")
    }

    /// The SQLite database.
    public var databaseFile: String { stateDirectory + "/waakvlam.sqlite" }
    /// Where senders drop feed files.
    public var inboxDirectory: String { stateDirectory + "/inbox" }
    /// Where spool files go once read.
    public var processedDirectory: String { stateDirectory + "/processed" }
    /// The key of the pseudonyms in log lines (created on first start, mode 0600).
    public var pseudonymKeyFile: String { stateDirectory + "/pseudonym.key" }
    /// The notice log, one JSON object per line.
    public var noticeLogFile: String { logDirectory + "/notices.jsonl" }
    /// Where bad rows go, each file with a `.errors` file beside it.
    public var rejectedDirectory: String { stateDirectory + "/rejected" }
}
