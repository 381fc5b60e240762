import WaakvlamCore

/// Work of the daemon that is failing right now and being retried with back-off, as `status`
/// and the STATUS line name it.
public struct DaemonFault: Codable, Sendable, Equatable {
    /// The work that fails: `spool`, `socket ingest`, `levels`, `notice log`, `daily purge`, `daily digest`.
    public var work: String
    /// What kind of fault it is.
    public var cause: FaultCause
    /// The last error, as the store or the system said it.
    public var error: String
    /// When the first failure of this spell happened (seconds since the epoch, daemon's clock).
    public var since: Int64
    /// Failed attempts so far.
    public var attempts: Int
    /// Seconds until the next attempt, as it was when the last one failed.
    public var retryIn: Int64

    /// A fault as reported.
    public init(work: String, cause: FaultCause, error: String, since: Int64, attempts: Int, retryIn: Int64) {
        self.work = work
        self.cause = cause
        self.error = error
        self.since = since
        self.attempts = attempts
        self.retryIn = retryIn
    }

    /// One line: `spool: disk full (3 failed attempts; retrying every 4 s)`.
    public var summary: String {
        "\(work): \(cause.rawValue) (\(attempts) failed attempt\(attempts == 1 ? "" : "s"); retrying every \(retryIn) s)"
    }
}
