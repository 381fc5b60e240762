/// Everything `waakvlam.yaml` says, with relative paths already resolved.
public struct DaemonConfiguration: Sendable, Equatable {
    /// Where the daemon keeps and writes things.
    public var paths: DaemonPaths
    /// The zone local dates and the digest time are read in.
    public var timeZone: String
    /// The path of the rules file.
    public var rulesFile: String
    /// How feeds are read.
    public var ingest: IngestSettings
    /// The outreach teams notices are routed to.
    public var teams: [Team]
    /// Deadlines and the escalation ladder.
    public var escalation: EscalationSettings
    /// The daily digest.
    public var digest: DigestSettings
    /// Socket access and bounds.
    public var socket: SocketSettings
    /// How long data is kept and when it is purged.
    public var retention: RetentionSettings = .defaults

    /// Creates a configuration.
    public init(paths: DaemonPaths, timeZone: String, rulesFile: String, ingest: IngestSettings, teams: [Team],
                escalation: EscalationSettings = .defaults, digest: DigestSettings = .defaults, socket: SocketSettings = .defaults) {
        self.paths = paths
        self.timeZone = timeZone
        self.rulesFile = rulesFile
        self.ingest = ingest
        self.teams = teams
        self.escalation = escalation
        self.digest = digest
        self.socket = socket
    }
}

/// One outreach team.
public struct Team: Sendable, Equatable {
    /// The id notices and `--team` use.
    public var id: String
    /// The name people read.
    public var name: String
    /// Neighbourhood codes this team covers; households and buildings there are routed to it.
    public var neighbourhoods: [String]

    /// Creates a team.
    public init(id: String, name: String, neighbourhoods: [String] = []) {
        self.id = id
        self.name = name
        self.neighbourhoods = neighbourhoods
    }
}

extension [Team] {
    /// The team for a neighbourhood: the one that lists it, else the first team (the default route).
    public func route(neighbourhood: String?) -> Team? {
        if let neighbourhood, let team = first(where: { $0.neighbourhoods.contains(neighbourhood) }) { return team }
        return first
    }
}

/// How feeds are read, whichever way they come in.
public struct IngestSettings: Sendable, Equatable {
    /// Columns or keys that feeds may carry and the daemon ignores.
    public var ignoredColumns: Set<String>
    /// Records longer than this many bytes are rejected without being buffered whole.
    public var maxRecordBytes: Int
    /// Rows per database transaction.
    public var batchSize: Int
    /// How often the spool directory is looked at.
    public var spoolPollInterval: TimeSpan
    /// A spool file must be left unchanged this long before it is read.
    public var spoolSettleTime: TimeSpan
    /// A source that delivered nothing for longer is reported as silent: a quiet corporation
    /// system is a fault, not good news.
    public var silentAfter: TimeSpan = .days(3)

    /// The shipped defaults.
    public static let defaults = IngestSettings(
        ignoredColumns: [], maxRecordBytes: 65_536, batchSize: 50_000,
        spoolPollInterval: TimeSpan(seconds: 2), spoolSettleTime: TimeSpan(seconds: 1))

    /// Creates ingest settings.
    public init(ignoredColumns: Set<String>, maxRecordBytes: Int, batchSize: Int, spoolPollInterval: TimeSpan, spoolSettleTime: TimeSpan) {
        self.ignoredColumns = ignoredColumns
        self.maxRecordBytes = maxRecordBytes
        self.batchSize = batchSize
        self.spoolPollInterval = spoolPollInterval
        self.spoolSettleTime = spoolSettleTime
    }
}
