/// How long to wait before trying failed work again: `first`, then twice as long after each
/// further failure, never longer than `limit`. A success starts it over.
///
/// A full disk or a locked database is not fixed by hammering it: each attempt costs a write
/// (or a wait for the lock) and a journal line, so the daemon waits longer the longer it lasts,
/// yet never so long that it is slow to notice the fault is over.
public struct Backoff: Sendable, Equatable {
    /// The wait after the first failure.
    public let first: Duration
    /// The longest wait.
    public let limit: Duration
    /// Failures since the last success.
    public private(set) var failures = 0

    /// A back-off from `first` doubling up to `limit` (1 s to 30 s unless told otherwise).
    public init(first: Duration = .seconds(1), limit: Duration = .seconds(30)) {
        self.first = first
        self.limit = max(limit, first)
    }

    /// Counts a failure and returns how long to wait before the next attempt.
    public mutating func failed() -> Duration {
        failures += 1
        return delay
    }

    /// The wait after the failures so far (zero when there were none).
    public var delay: Duration {
        guard failures > 0 else { return .zero }
        var wait = first, doublings = 1
        // Doubling stops at the limit, so a fault that lasts for weeks never overflows.
        while doublings < failures, wait < limit {
            wait *= 2
            doublings += 1
        }
        return min(wait, limit)
    }

    /// Whether the failure just counted is one to tell the journal of: the 1st, 2nd, 4th, 8th…,
    /// so that a fault lasting a weekend leaves a few dozen lines rather than one per attempt.
    public var isWorthTelling: Bool { failures > 0 && failures & (failures - 1) == 0 }

    /// Starts over after work succeeded.
    public mutating func succeeded() { failures = 0 }
}
