import GRDB

/// One ingest of one input (a file, standard input, a socket request), with its progress.
///
/// Progress is committed in the same transaction as the rows it counts, so an
/// interrupted spool file resumes after its last committed line with the
/// right figures.
public struct IngestRun: Sendable, Equatable {
    /// The row id.
    public var id: Int64
    /// How the input arrived.
    public var channel: IngestChannel
    /// The input's name (file name, `-`, a socket peer).
    public var input: String
    /// Figures so far.
    public var counts: IngestCounts
    /// The last input line whose record is committed.
    public var lastLine: Int
    /// The file rejected rows go to, once there is one.
    public var rejectedFile: String?
    /// How many bytes of `rejectedFile` belong to committed progress.
    public var rejectedBytes: Int64
    /// How many bytes of the `.errors` file beside it belong to committed progress.
    public var rejectedErrorBytes: Int64
}

/// How an input reached the daemon.
public enum IngestChannel: String, Sendable, Codable {
    /// `waakvlam ingest FILE…`.
    case command
    /// A file dropped in `inbox/`.
    case spool
    /// An `ingest` request on the socket.
    case socket
}

extension IngestRun {
    init(row: Row) {
        self.init(
            id: row["id"], channel: IngestChannel(rawValue: row["channel"]) ?? .command, input: row["input"],
            counts: IngestCounts(accepted: row["accepted"], duplicates: row["duplicates"], repeats: row["repeats"], rejected: row["rejected"]),
            lastLine: row["last_line"], rejectedFile: row["rejected_file"], rejectedBytes: row["rejected_bytes"],
            rejectedErrorBytes: row["rejected_error_bytes"])
    }
}
