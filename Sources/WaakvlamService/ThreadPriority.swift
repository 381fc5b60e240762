#if canImport(Glibc)
import Glibc
#endif

/// Lowers the calling thread's scheduling priority (Linux threads each have their own nice
/// value). Work off the signal-to-subscriber path (the notice log's fsync rounds, WAL
/// checkpoints) runs lowered, so on a busy machine it yields the CPU to the threads a
/// subscriber waits on instead of adding to their delay; it still gets its share.
enum ThreadPriority {
    /// Makes the calling thread `nice` steps nicer; failure leaves it as it was.
    static func lowerCurrent(by nice: Int32) {
        // With `who` 0, Linux reads and sets the calling thread's own nice value, not the process's.
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        guard errno == 0 else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, min(19, current + nice))
    }
}
