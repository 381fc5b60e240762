import Logging
import ServiceLifecycle
import UnixSignals

/// Takes `SIGUSR1` (logrotate's `postrotate`) so that it never ends the daemon, and reopens the
/// notice log, so that after logrotate moved it no line is lost. Nothing else: no reload, no
/// evaluation, which a weekly rotation has no reason to cause.
public struct NoticeLogReopenService: Service {
    private let logger: Logger
    private let noticeLog: NoticeLog

    /// Reopens `noticeLog` on each `SIGUSR1`, saying so through `logger`.
    public init(logger: Logger, noticeLog: NoticeLog) {
        self.logger = logger
        self.noticeLog = noticeLog
    }

    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sigusr1)
        for await _ in signals.cancelOnGracefulShutdown() {
            noticeLog.reopen(because: "SIGUSR1", logger: logger)
        }
    }
}
