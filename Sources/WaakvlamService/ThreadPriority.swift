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
        guard let thread = currentThreadID() else { return }
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), thread)
        guard errno == 0 else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), thread, min(19, current + nice))
    }

    /// The kernel's id of the calling thread, from `/proc/thread-self` (a link to
    /// `PID/task/TID`): Swift does not import `gettid`.
    private static func currentThreadID() -> id_t? {
        var buffer = [CChar](repeating: 0, count: 64)
        let length = readlink("/proc/thread-self", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let target = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return target.split(separator: "/").last.flatMap { id_t($0) }
    }
}
