import Logging
import WaakvlamCore
import WaakvlamStore

/// Opens the daemon's store at start, waiting with back-off while another process holds its
/// write lock or the disk is full: SQLite needs a write to open a store in WAL mode, and a
/// daemon that exits instead is only restarted by systemd into the same fault, until systemd
/// gives up on it. It says so in the journal and in STATUS, and asks systemd for more start time.
public enum StoreOpening {
    /// Runs `open` until it succeeds or fails for another reason than a lock or a full disk.
    public static func open<Value>(logger: Logger, notifier: SystemdNotifier, _ open: () throws -> Value) async throws -> Value {
        var backoff = Backoff()
        while true {
            do {
                let value = try open()
                if backoff.failures > 0 { logger.notice("store opened", metadata: ["failed_attempts": "\(backoff.failures)"]) }
                return value
            } catch {
                let cause = FaultCause.of(error)
                guard cause == .databaseLocked || cause == .diskFull else { throw error }
                let wait = backoff.failed()
                let attempts = backoff.failures
                if backoff.isWorthTelling {
                    logger.error("store could not be opened: \(cause.rawValue); retrying with back-off", metadata: [
                        "error": "\(FaultDescription.of(error))", "attempts": "\(attempts)", "retry_in": "\(wait.components.seconds)s",
                    ])
                }
                // The wait, SQLite's busy time and a margin: systemd keeps waiting for READY.
                let extend = (wait + .seconds(20)).components.seconds * 1_000_000
                notifier.notify("EXTEND_TIMEOUT_USEC=\(extend)\nSTATUS=waiting for the store: \(cause.rawValue) (\(attempts) failed attempt\(attempts == 1 ? "" : "s"))")
                try await Task.sleep(for: wait)
            }
        }
    }
}
