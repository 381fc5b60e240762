import Dispatch
import Logging
import ServiceLifecycle
import Synchronization
import WaakvlamCore
import WaakvlamRules

/// Keeps levels current while the daemon runs: at start it loads the engine and evaluates
/// everyone once; then it takes in new data whenever ingest says so, and re-evaluates
/// everyone who can still change at every step of the policy's `evaluate_every`.
public final class LevelService: Service, Sendable {
    private let environment: WaakvlamEnvironment
    private let logger: Logger
    private let stop = StopFlag()
    private let nudged = Mutex(false)
    private let keeperBox = Mutex<LevelKeeper?>(nil)
    private let deliverer: NoticeDeliverer
    private let pseudonyms: Pseudonymizer
    private let queue = DispatchQueue(label: "waakvlam.levels")
    /// How often the service looks whether there is work; a nudge is picked up within this.
    private let poll: Duration

    /// Creates the service; `poll` bounds the delay between an ingest and the new levels.
    /// Notices the evaluations raise are handed to `deliverer`.
    public init(environment: WaakvlamEnvironment, deliverer: NoticeDeliverer, pseudonyms: Pseudonymizer, logger: Logger, poll: Duration = .milliseconds(250)) {
        self.environment = environment
        self.deliverer = deliverer
        self.pseudonyms = pseudonyms
        self.logger = logger
        self.poll = poll
    }

    /// The engine, once loaded at start (nil before).
    public var keeper: LevelKeeper? { keeperBox.withLock { $0 } }

    /// Says that new signals or registry facts were stored.
    public func nudge() { nudged.withLock { $0 = true } }

    public func run() async throws {
        let environment = self.environment
        let clock = environment.clock
        let step = max(environment.configuration.policy.levels.evaluateEvery.seconds, 1)
        let started = try await BlockingWork.run(on: queue) { () throws -> (LevelKeeper, Int64, [LevelChange]) in
            let now = clock.now()
            let keeper = try environment.openLevels(at: now)
            return (keeper, now, try keeper.evaluateAll(at: now))
        }
        keeperBox.withLock { $0 = started.0 }
        report(started.2, after: "start")
        deliverer.nudge()
        var nextStep = (started.1 / step + 1) * step
        await withGracefulShutdownHandler {
            while !stop.isSet && !Task.isCancelled {
                let now = clock.now()
                let everyone = now >= nextStep
                let wanted = nudged.withLock { value in defer { value = false }; return value }
                if everyone || wanted {
                    await evaluate(everyone: everyone, at: now)
                    if everyone { nextStep = (now / step + 1) * step }
                } else {
                    // Notices a command stored or delivered (ack's feedback) reach the log and subscribers too.
                    deliverer.nudge()
                }
                _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.poll) }
            }
        } onGracefulShutdown: {
            self.stop.set()
        }
    }

    private func evaluate(everyone: Bool, at now: Int64) async {
        guard let keeper = keeperBox.withLock({ $0 }) else { return }
        do {
            let changes = try await BlockingWork.run(on: queue) {
                everyone ? try keeper.evaluateAll(at: now) : try keeper.catchUp(at: now)
            }
            report(changes, after: everyone ? "time step" : "new data")
        } catch {
            // The data stays in the store; the next step takes it in again.
            logger.error("levels could not be evaluated; will retry", metadata: ["error": "\(error)"])
            if !everyone { nudge() }
        }
        deliverer.nudge()
    }

    /// Logs changes by keyed pseudonym and colour only: never references, names, notes or addresses.
    private func report(_ changes: [LevelChange], after cause: String) {
        guard !changes.isEmpty else { return }
        if changes.count > 20 {
            let up = changes.count { $0.isEscalation }
            logger.notice("levels changed", metadata: ["cause": "\(cause)", "changes": "\(changes.count)", "up": "\(up)"])
            return
        }
        let keeper = keeperBox.withLock { $0 }
        for change in changes {
            let reference = keeper?.reference(of: change.subject) ?? "#\(change.subject.id)"
            logger.notice("level changed", metadata: [
                "subject": "\(pseudonyms.pseudonym(of: reference, kind: change.subject.kind))", "from": "\(change.from?.rawValue ?? "unknown")", "to": "\(change.to?.rawValue ?? "unknown")",
                "rules": "\(change.rules.joined(separator: ","))", "cause": "\(cause)",
            ])
        }
    }
}
