import Logging
import ServiceLifecycle

/// Tells systemd how the daemon is doing: READY=1, STATUS=…, WATCHDOG=1 and STOPPING=1.
///
/// It is the last service in the group, so it is the first to hear of a
/// graceful shutdown and says STOPPING=1 before the others wind down.
public struct SystemdService: Service {
    private let notifier: SystemdNotifier
    private let status: @Sendable () -> String
    private let healthy: @Sendable () -> Bool
    private let logger: Logger

    /// Reports `status()` and pings the watchdog while `healthy()` holds.
    public init(notifier: SystemdNotifier, logger: Logger, status: @escaping @Sendable () -> String, healthy: @escaping @Sendable () -> Bool) {
        self.notifier = notifier
        self.status = status
        self.healthy = healthy
        self.logger = logger
    }

    public func run() async throws {
        notifier.notify("READY=1\nSTATUS=\(status())")
        logger.info("ready", metadata: ["status": "\(status())"])
        let period = notifier.watchdogInterval.map { $0 / 2 } ?? .seconds(30)
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: period) }
                guard !Task.isShuttingDownGracefully else { break }
                if notifier.watchdogInterval != nil {
                    if healthy() {
                        notifier.notify("WATCHDOG=1")
                    } else {
                        logger.error("health check failed; not pinging the watchdog")
                    }
                }
                notifier.notify("STATUS=\(status())")
            }
        } onGracefulShutdown: {
            notifier.notify("STOPPING=1\nSTATUS=stopping")
        }
    }
}
