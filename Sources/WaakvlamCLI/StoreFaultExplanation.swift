import WaakvlamCore
import WaakvlamStore

/// A command that failed because the store was locked by another process or the disk was full,
/// said so that an operator knows what to do: SQLite's own words name neither the cause's
/// remedy nor whether anything was stored.
struct StoreFaultExplanation: Error, CustomStringConvertible {
    let cause: FaultCause
    let error: any Error

    /// The explanation of `error`, or nil when it is not a locked store or a full disk.
    init?(_ error: any Error) {
        let cause = FaultCause.of(error)
        guard cause == .databaseLocked || cause == .diskFull else { return nil }
        self.cause = cause
        self.error = error
    }

    var description: String {
        let what = cause == .databaseLocked ? "the store is locked by another process" : "the disk is full"
        return "\(what): \(FaultDescription.of(error)). Run the command again once it is resolved: what it stored before stays, and an ingest run again stores no signal twice."
    }
}
