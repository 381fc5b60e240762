import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration (see ``ConfigurationReloader``) on `SIGHUP` and on the socket's
/// `reload` (`waakvlam reload`, the unit's `ExecReload=`), one reload at a time, telling systemd
/// `RELOADING=1` before and `READY=1` with the outcome in STATUS after. Taking `SIGHUP` also
/// keeps it from ending the daemon. Logrotate's signal is `SIGUSR1` (see
/// ``NoticeLogReopenService``), but `SIGHUP` still reopens the notice log as well, so that a
/// logrotate file from before that, which sends `SIGHUP`, loses no line either.
public struct ReloadService: Service {
    private let logger: Logger
    private let notifier: SystemdNotifier
    private let noticeLog: NoticeLog
    private let reloader: ConfigurationReloader
    private let requests: ReloadRequests

    /// Reloads through `reloader` for each of `requests` and each `SIGHUP`, which also reopens
    /// `noticeLog`; logs with `logger` and reports to systemd through `notifier`.
    init(logger: Logger, notifier: SystemdNotifier, noticeLog: NoticeLog, reloader: ConfigurationReloader, requests: ReloadRequests) {
        self.logger = logger
        self.notifier = notifier
        self.noticeLog = noticeLog
        self.reloader = reloader
        self.requests = requests
    }

    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await _ in hangups {
                    noticeLog.reopen(because: "SIGHUP", logger: logger)
                    requests.add(ReloadRequests.Request(by: "SIGHUP"))
                }
            }
            for await _ in requests.doorbell.cancelOnGracefulShutdown() {
                await reloadOnce()
            }
            group.cancelAll()
        }
        for request in requests.stop() { request.answer?(ReloadRequests.stopping) }
    }

    /// One reload for every request waiting, each of which is then told its outcome.
    private func reloadOnce() async {
        let asked = requests.take()
        guard !asked.isEmpty else { return }
        logger.notice("reloading the configuration", metadata: ["asked_by": "\(asked.map(\.by).joined(separator: ", "))"])
        notifier.reloading()
        let outcome = await reloader.reload()
        switch outcome {
        case .reloaded(let version, let rules, let changes, let summaries, _):
            notifier.notify("READY=1\nSTATUS=configuration \(version) in force; \(rules.summary(first: 3)); \(changes) level changes, told in \(summaries) team notices")
        case .refused(let problems):
            let more = problems.count > 1 ? " (and \(problems.count - 1) more, see the journal)" : ""
            notifier.notify("READY=1\nSTATUS=reload refused, running configuration unchanged: \(problems[0])\(more)")
        }
        for request in asked { request.answer?(outcome) }
    }
}
