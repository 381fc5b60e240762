#if canImport(Glibc)
import Glibc
#endif

extension SystemdNotifier {
    /// Tells systemd a reload has begun: `RELOADING=1` with `MONOTONIC_USEC`, the time on
    /// `CLOCK_MONOTONIC` in microseconds, which sd_notify(3) asks for so that systemd can tell
    /// this reload from an earlier one. `READY=1` says it is over, whatever its outcome.
    @discardableResult
    public func reloading() -> Bool {
        notify("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
    }

    /// `CLOCK_MONOTONIC` now, in microseconds.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
