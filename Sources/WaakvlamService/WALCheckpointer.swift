import Foundation
import Logging
import WaakvlamCore
import WaakvlamStore

/// Copies the database's write-ahead log into the database file on a thread of its own, every
/// `interval`: small, frequent checkpoints that run beside the writer instead of a large one
/// inside some ingest's commit (which held up every signal behind it for 100 ms and more).
final class WALCheckpointer: Sendable {
    private let stopping = StopFlag()
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the thread.
    init(database: AppDatabase, interval: Duration = .milliseconds(200), logger: Logger) {
        let thread = Thread { [stopping, finished] in
            defer { finished.signal() }
            ThreadPriority.lowerCurrent(by: 10)
            var failing = false
            while !stopping.isSet {
                Thread.sleep(forTimeInterval: interval.timeInterval)
                do {
                    try database.checkpoint()
                    if failing { logger.notice("WAL checkpoint working again") }
                    failing = false
                } catch {
                    // The writer's own checkpoint is the backstop; say so once, not every 200 ms.
                    if !failing { logger.warning("WAL checkpoint failed; the writer checkpoints instead", metadata: ["error": "\(FaultDescription.of(error))"]) }
                    failing = true
                }
            }
        }
        thread.name = "waakvlam.checkpoint"
        thread.start()
    }

    /// Ends the thread (before the store closes).
    func stop() {
        stopping.set()
        finished.wait()
    }
}
