import Logging
import Synchronization
import WaakvlamCore
import WaakvlamStore

/// What in the daemon is failing right now, each piece of work with a back-off of its own.
///
/// Work that fails (storing a spool file, writing the notice log, an evaluation) reports here
/// and waits as long as it is told before trying again; work that succeeds says so. The
/// journal hears of a fault when it starts, at the 2nd, 4th, 8th… failed attempt while it
/// lasts, and once when it is over, so a full disk that lasts a weekend leaves a few dozen
/// lines rather than one per attempt. `status` and the STATUS line name it while it lasts.
public final class FaultBoard: Sendable {
    private struct Spell {
        var fault: DaemonFault
        var backoff: Backoff
    }

    private let clock: any WallClock
    private let logger: Logger
    private let backoff: Backoff
    private let spells = Mutex<[String: Spell]>([:])
    private let onChange = Mutex<(@Sendable () -> Void)?>(nil)

    /// A board logging to `logger`, timing faults with `clock`, and backing off as `backoff` does.
    public init(clock: any WallClock, logger: Logger, backoff: Backoff = Backoff()) {
        self.clock = clock
        self.logger = logger
        self.backoff = backoff
    }

    /// Runs `action` whenever a fault starts or ends (to refresh systemd's STATUS line).
    public func whenChanged(_ action: @escaping @Sendable () -> Void) {
        onChange.withLock { $0 = action }
    }

    /// Records that `work` failed with `error`; returns how long to wait before trying again.
    /// The error is told in an operator's words (``FaultDescription``), with each key of
    /// `redacting` (a sender's file name) replaced by its value (the name's pseudonym).
    @discardableResult
    public func failed(_ work: String, _ error: any Error, metadata: Logger.Metadata = [:], redacting: [String: String] = [:]) -> Duration {
        let cause = FaultCause.of(error)
        let words = redacting.reduce(FaultDescription.of(error).description) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        let now = clock.now()
        let (spell, isNew, wait) = spells.withLock { spells in
            var spell = spells[work] ?? Spell(fault: DaemonFault(work: work, cause: cause, error: "", since: now, attempts: 0, retryIn: 0), backoff: backoff)
            let isNew = spell.fault.attempts == 0
            let wait = spell.backoff.failed()
            spell.fault.attempts = spell.backoff.failures
            spell.fault.cause = cause
            spell.fault.error = words
            spell.fault.retryIn = wait.components.seconds
            spells[work] = spell
            return (spell, isNew, wait)
        }
        var details = metadata
        details["cause"] = "\(cause.rawValue)"
        details["error"] = "\(words)"
        details["attempts"] = "\(spell.fault.attempts)"
        details["retry_in"] = "\(spell.fault.retryIn)s"
        if isNew {
            logger.error("\(work) failed: \(cause.rawValue); retrying with back-off", metadata: details)
            changed()
        } else if spell.backoff.isWorthTelling {
            logger.warning("\(work) still failing: \(cause.rawValue)", metadata: details)
        }
        return wait
    }

    /// Records that `work` succeeded, ending its fault if it had one.
    public func succeeded(_ work: String) {
        guard let ended = spells.withLock({ $0.removeValue(forKey: work) }) else { return }
        logger.notice("\(work) working again", metadata: [
            "cause": "\(ended.fault.cause.rawValue)", "failed_attempts": "\(ended.fault.attempts)",
            "lasted": "\(max(clock.now() - ended.fault.since, 0))s",
        ])
        changed()
    }

    /// The faults that last now, by work.
    public var faults: [DaemonFault] {
        spells.withLock { $0.values.map(\.fault) }.sorted { $0.work < $1.work }
    }

    /// The wait `work` is in, if it is failing.
    public func delay(of work: String) -> Duration? {
        spells.withLock { $0[work]?.backoff.delay }
    }

    private func changed() {
        onChange.withLock { $0 }?()
    }
}
