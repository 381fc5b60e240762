import Logging
import ServiceLifecycle
import UnixSignals

/// Takes `SIGHUP` (`systemctl reload`, logrotate) so that it never ends the daemon.
///
/// Re-reading the configuration and reopening the notice log arrive with
/// later work; until then the daemon says plainly that nothing changed.
public struct HangupService: Service {
    private let logger: Logger
    private let notifier: SystemdNotifier

    /// Logs each `SIGHUP` with `logger` and reports it to systemd through `notifier`.
    public init(logger: Logger, notifier: SystemdNotifier) {
        self.logger = logger
        self.notifier = notifier
    }

    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            logger.notice("SIGHUP received: configuration reload is not supported yet; the running configuration is unchanged")
            notifier.notify("STATUS=reload not supported yet; running configuration unchanged")
        }
    }
}
