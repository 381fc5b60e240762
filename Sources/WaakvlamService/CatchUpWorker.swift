import Foundation
import Logging
import WaakvlamCore

/// Brings levels up to date on a thread of its own after socket ingests: each round takes in
/// every signal stored since the last, so a burst of small ingests shares one catch-up, and the
/// ingest answers as soon as its signals are stored.
public final class CatchUpWorker: @unchecked Sendable {
    private let levels: LevelService
    private let clock: any WallClock
    private let deliverer: NoticeDeliverer
    private let logger: Logger
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = StopFlag()
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the thread.
    init(levels: LevelService, clock: any WallClock, deliverer: NoticeDeliverer, logger: Logger) {
        self.levels = levels
        self.clock = clock
        self.deliverer = deliverer
        self.logger = logger
        let thread = Thread { [self] in run() }
        thread.name = "waakvlam.catch-up"
        thread.start()
    }

    /// Says that signals were stored.
    func nudge() { wake.signal() }

    /// Finishes the round in hand and ends the thread (before the store closes).
    func stop() {
        stopped.set()
        wake.signal()
        finished.wait()
    }

    private func run() {
        defer { finished.signal() }
        while true {
            wake.wait()
            while wake.wait(timeout: .now()) == .success {}
            if stopped.isSet { return }
            guard let keeper = levels.keeper else {
                // Still loading: the level service's first evaluation takes these signals in.
                continue
            }
            do {
                try keeper.catchUp(at: clock.now())
            } catch {
                logger.error("levels could not be brought up to date; the next step retries", metadata: ["error": "\(error)"])
                levels.nudge()
            }
            deliverer.nudge()
        }
    }
}
