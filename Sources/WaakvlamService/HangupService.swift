import Logging
import ServiceLifecycle
import UnixSignals

/// Takes `SIGHUP` (`systemctl reload`, logrotate) so that it never ends the daemon: it reopens
/// the notice log, so that after logrotate moved it no line is lost.
///
/// Re-reading the configuration arrives with later work (issue 5); until then the daemon
/// says plainly that the configuration did not change.
public struct HangupService: Service {
    private let logger: Logger
    private let notifier: SystemdNotifier
    private let noticeLog: NoticeLog

    /// Reopens `noticeLog` on each `SIGHUP`, logs with `logger` and reports to systemd through `notifier`.
    public init(logger: Logger, notifier: SystemdNotifier, noticeLog: NoticeLog) {
        self.logger = logger
        self.notifier = notifier
        self.noticeLog = noticeLog
    }

    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            do {
                try noticeLog.reopen()
                logger.notice("SIGHUP: notice log reopened", metadata: ["file": "\(noticeLog.path)"])
            } catch {
                logger.error("SIGHUP: the notice log could not be reopened; still writing to the old file", metadata: ["error": "\(error)"])
            }
            logger.notice("SIGHUP: configuration reload is not supported yet; the running configuration is unchanged")
            notifier.notify("STATUS=reload not supported yet; running configuration unchanged")
        }
    }
}
