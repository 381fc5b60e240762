import Dispatch
import Logging
import ServiceLifecycle
import WaakvlamConfig
import WaakvlamCore
import WaakvlamStore

/// Applies the retention periods once a day at `retention.run_at` local time, through the level
/// engine so that it forgets the households deleted. A restart after that time on a day the
/// daemon already purged purges nothing. The periods and the time are those in force: a reload
/// changes them for the next purge.
public struct PurgeService: Service {
    private let environment: WaakvlamEnvironment
    private let configuration: @Sendable () -> LoadedConfiguration
    private let levels: LevelService
    private let logger: Logger
    private let faults: FaultBoard
    private let stop = StopFlag()
    private let queue = DispatchQueue(label: "waakvlam.purge")
    private let poll: Duration

    /// Creates the service; it looks every `poll` whether the day's purge is due, and sooner
    /// after a failed purge when the back-off from `faults` is shorter. `configuration` is the one
    /// in force (the reloader's).
    public init(environment: WaakvlamEnvironment, configuration: @escaping @Sendable () -> LoadedConfiguration, levels: LevelService,
                faults: FaultBoard, logger: Logger, poll: Duration = .seconds(30)) {
        self.environment = environment
        self.configuration = configuration
        self.levels = levels
        self.faults = faults
        self.logger = logger
        self.poll = poll
    }

    public func run() async throws {
        // Shortly before the time, or after a failure with a shorter back-off, wake then rather than up to a poll late.
        await stop.repeatUntilShutdown { await purgeIfDue().map { min(poll, max($0, .seconds(1))) } ?? poll }
    }

    /// Purges when the day's purge is due and not yet done; returns how long until today's time
    /// when it is still ahead, or the back-off when the purge failed.
    private func purgeIfDue() async -> Duration? {
        // The engine is loaded once at start; until then there is nothing to keep in step.
        guard let keeper = levels.keeper else { return .seconds(1) }
        let environment = self.environment
        let now = environment.clock.now()
        let calendar = environment.calendar
        let today = calendar.localDate(of: now)
        let retention = configuration().daemon.retention
        let due = calendar.startOfDay(today) + Int64(retention.minuteOfDay) * 60
        guard now >= due else { return .seconds(due - now) }
        do {
            if let last = try environment.database.lastPurge(by: .daemon), last.at >= due { return nil }
            let counts = try await BlockingWork.run(on: queue) {
                try keeper.purge(retention: retention, at: now, trigger: .daemon, who: "waakvlam")
            }
            var metadata: Logger.Metadata = ["day": "\(today)"]
            for (name, count) in counts.kinds { metadata[name.replacingOccurrences(of: " ", with: "_")] = "\(count)" }
            logger.notice("daily purge done", metadata: metadata)
            faults.succeeded("daily purge")
        } catch {
            // Each batch is its own transaction: what was deleted stays deleted, the retry does the rest.
            return faults.failed("daily purge", error, metadata: ["day": "\(today)"])
        }
        return nil
    }
}
