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
    private let faults: FaultBoard
    private let queue = DispatchQueue(label: "waakvlam.levels")
    /// How often the service looks whether there is work; a nudge is picked up within this.
    private let poll: Duration

    /// Creates the service; `poll` bounds the delay between an ingest and the new levels.
    /// Notices the evaluations raise are handed to `deliverer`; an evaluation that cannot be
    /// saved is retried with back-off, reported to `faults`.
    public init(environment: WaakvlamEnvironment, deliverer: NoticeDeliverer, pseudonyms: Pseudonymizer, faults: FaultBoard, logger: Logger,
                poll: Duration = .milliseconds(250)) {
        self.environment = environment
        self.deliverer = deliverer
        self.pseudonyms = pseudonyms
        self.faults = faults
        self.logger = logger
        self.poll = poll
    }

    /// The engine, once loaded at start (nil before).
    public var keeper: LevelKeeper? { keeperBox.withLock { $0 } }

    /// Says that new signals or registry facts were stored.
    public func nudge() { nudged.withLock { $0 = true } }

    /// Whether a nudge waits to be taken in.
    var isNudged: Bool { nudged.withLock { $0 } }

    public func run() async throws {
        let environment = self.environment
        let clock = environment.clock
        let step = max(environment.configuration.policy.levels.evaluateEvery.seconds, 1)
        let started = try await BlockingWork.run(on: queue) { () throws -> (LevelKeeper, Int64, Result<[LevelChange], any Error>) in
            let now = clock.now()
            let keeper = try environment.openLevels(at: now)
            return (keeper, now, Result { try keeper.evaluateAll(at: now) })
        }
        keeperBox.withLock { $0 = started.0 }
        var nextStep = (started.1 / step + 1) * step
        // After a failed evaluation, nothing is tried before this (the fault board's back-off).
        var retryAt: ContinuousClock.Instant?
        switch started.2 {
        case .success(let changes):
            report(changes, after: "start")
        case .failure(let error):
            // A full disk or a locked store at start: the daemon runs on and evaluates everyone
            // once the back-off has passed, rather than exit and be restarted into the same fault.
            retryAt = ContinuousClock.now + faults.failed("levels", error)
            nextStep = started.1
        }
        deliverer.nudge()
        await withGracefulShutdownHandler {
            while !stop.isSet && !Task.isCancelled {
                let now = clock.now()
                let everyone = now >= nextStep
                let waiting = retryAt.map { ContinuousClock.now < $0 } ?? false
                let wanted = !waiting && nudged.withLock { value in defer { value = false }; return value }
                if !waiting, everyone || wanted {
                    if let wait = await evaluate(everyone: everyone, at: now) {
                        retryAt = ContinuousClock.now + wait
                    } else {
                        retryAt = nil
                        if everyone { nextStep = (now / step + 1) * step }
                    }
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

    /// Evaluates; returns nil when done, else how long to wait before trying again.
    private func evaluate(everyone: Bool, at now: Int64) async -> Duration? {
        guard let keeper = keeperBox.withLock({ $0 }) else { return nil }
        defer { deliverer.nudge() }
        do {
            let changes = try await BlockingWork.run(on: queue) {
                everyone ? try keeper.evaluateAll(at: now) : try keeper.catchUp(at: now)
            }
            faults.succeeded("levels")
            report(changes, after: everyone ? "time step" : "new data")
            return nil
        } catch {
            // The data stays in the store and the engine keeps what it decided (LevelKeeper's
            // unwritten changes); the retry takes in the new data and writes it.
            if !everyone { nudge() }
            return faults.failed("levels", error)
        }
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
