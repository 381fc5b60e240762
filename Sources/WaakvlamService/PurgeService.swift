import Dispatch
import Logging
import ServiceLifecycle
import WaakvlamCore
import WaakvlamStore

/// Applies the retention periods once a day at `retention.run_at` local time, through the level
/// engine so that it forgets the households deleted. A restart after that time on a day the
/// daemon already purged purges nothing.
public struct PurgeService: Service {
    private let environment: WaakvlamEnvironment
    private let levels: LevelService
    private let logger: Logger
    private let stop = StopFlag()
    private let queue = DispatchQueue(label: "waakvlam.purge")
    private let poll: Duration

    /// Creates the service; it looks every `poll` whether the day's purge is due.
    public init(environment: WaakvlamEnvironment, levels: LevelService, logger: Logger, poll: Duration = .seconds(30)) {
        self.environment = environment
        self.levels = levels
        self.logger = logger
        self.poll = poll
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            while !stop.isSet && !Task.isCancelled {
                await purgeIfDue()
                _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: poll) }
            }
        } onGracefulShutdown: {
            stop.set()
        }
    }

    private func purgeIfDue() async {
        // The engine is loaded once at start; until then there is nothing to keep in step.
        guard let keeper = levels.keeper else { return }
        let environment = self.environment
        let now = environment.clock.now()
        let calendar = environment.calendar
        let today = calendar.localDate(of: now)
        let retention = environment.configuration.daemon.retention
        let due = calendar.startOfDay(today) + Int64(retention.minuteOfDay) * 60
        guard now >= due else { return }
        do {
            if let last = try environment.database.lastPurge(by: .daemon), last.at >= due { return }
            let counts = try await BlockingWork.run(on: queue) {
                try keeper.purge(retention: retention, at: now, trigger: .daemon, who: "waakvlam")
            }
            var metadata: Logger.Metadata = ["day": "\(today)"]
            for (name, count) in counts.kinds { metadata[name.replacingOccurrences(of: " ", with: "_")] = "\(count)" }
            logger.notice("daily purge done", metadata: metadata)
        } catch {
            logger.error("daily purge failed; will retry", metadata: ["day": "\(today)", "error": "\(error)"])
        }
    }
}
