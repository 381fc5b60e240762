import Logging
import WaakvlamCore
import WaakvlamStore
import ServiceLifecycle
import UnixSignals

/// Takes `SIGHUP` (`systemctl reload`, logrotate) so that it never ends the daemon: it reopens
/// the notice log, so that after logrotate moved it no line is lost, and reloads the
/// configuration (see ``ConfigurationReloader``), telling systemd the outcome in STATUS.
public struct HangupService: Service {
    private let logger: Logger
    private let notifier: SystemdNotifier
    private let noticeLog: NoticeLog
    private let reloader: ConfigurationReloader

    /// Reopens `noticeLog` and reloads through `reloader` on each `SIGHUP`; logs with `logger`
    /// and reports to systemd through `notifier`.
    public init(logger: Logger, notifier: SystemdNotifier, noticeLog: NoticeLog, reloader: ConfigurationReloader) {
        self.logger = logger
        self.notifier = notifier
        self.noticeLog = noticeLog
        self.reloader = reloader
    }

    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            do {
                try noticeLog.reopen()
                logger.notice("SIGHUP: notice log reopened", metadata: ["file": "\(noticeLog.path)"])
            } catch {
                logger.error("SIGHUP: the notice log could not be reopened; still writing to the old file", metadata: ["error": "\(FaultDescription.of(error))"])
            }
            notifier.notify("RELOADING=1")
            switch await reloader.reload() {
            case .reloaded(let version, let rules, let changes, let summaries):
                notifier.notify("READY=1\nSTATUS=configuration \(version) in force; \(rules.summary(first: 3)); \(changes) level changes, told in \(summaries) team notices")
            case .refused(let problems):
                let more = problems.count > 1 ? " (and \(problems.count - 1) more, see the journal)" : ""
                notifier.notify("READY=1\nSTATUS=reload refused, running configuration unchanged: \(problems[0])\(more)")
            }
        }
    }
}
