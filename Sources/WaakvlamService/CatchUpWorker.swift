import Foundation
import Logging
import WaakvlamCore

/// Brings levels up to date on a thread of its own after socket ingests: each round takes in
/// every signal stored since the last, so a burst of small ingests shares one catch-up, and the
/// ingest answers as soon as its signals are stored.
public final class CatchUpWorker: Sendable {
    private let thread: NudgedThread

    /// Starts the thread.
    init(levels: LevelService, clock: any WallClock, deliverer: NoticeDeliverer, logger: Logger) {
        thread = NudgedThread(name: "waakvlam.catch-up", finalRound: false) {
            // Still loading: the level service's first evaluation takes these signals in.
            guard let keeper = levels.keeper else { return }
            do {
                try keeper.catchUp(at: clock.now())
            } catch {
                logger.error("levels could not be brought up to date; the next step retries", metadata: ["error": "\(error)"])
                levels.nudge()
            }
            deliverer.nudge()
        }
    }

    /// Says that signals were stored.
    func nudge() { thread.nudge() }

    /// Finishes the round in hand and ends the thread (before the store closes).
    func stop() { thread.stop() }
}
