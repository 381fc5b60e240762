import Foundation
import Logging
import Synchronization
import WaakvlamCore
import WaakvlamIngest

/// Takes the socket's ingest requests on one thread: whatever has arrived together is stored
/// in one transaction (each request still its own run, with its own figures and problems), the
/// requests are answered, and then, on the same thread, levels are brought up to date and the
/// deliverer is nudged. One thread doing both keeps the two writes from contending for the
/// database, and a burst that arrives during a round shares the next one.
final class SocketIngestQueue: @unchecked Sendable {
    /// One waiting request and, once stored, its report.
    private final class Request: Sendable {
        let input: SmallInput
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<IngestReport, any Error>?>(nil)
        init(_ input: SmallInput) { self.input = input }
    }

    /// The most requests stored in one transaction.
    static let groupLimit = 256

    private let ingestor: Ingestor
    private let clock: any WallClock
    private let levels: LevelService
    private let deliverer: NoticeDeliverer
    private let logger: Logger
    private let pending = Mutex<(requests: [Request], stopped: Bool)>(([], false))
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the thread.
    init(ingestor: Ingestor, clock: any WallClock, levels: LevelService, deliverer: NoticeDeliverer, logger: Logger) {
        self.ingestor = ingestor
        self.clock = clock
        self.levels = levels
        self.deliverer = deliverer
        self.logger = logger
        let thread = Thread { [self] in run() }
        thread.name = "waakvlam.socket-ingest"
        thread.start()
    }

    /// Queues `input` and waits until it is stored (or refused).
    func ingest(_ input: SmallInput) throws -> IngestReport {
        let request = Request(input)
        let accepted = pending.withLock { queue in
            if !queue.stopped { queue.requests.append(request) }
            return !queue.stopped
        }
        guard accepted else { throw SocketIngestStopped() }
        wake.signal()
        request.done.wait()
        return try request.result.withLock { $0! }.get()
    }

    /// Finishes what is queued and ends the thread (before the store closes); later requests are refused.
    func stop() {
        pending.withLock { $0.stopped = true }
        wake.signal()
        finished.wait()
    }

    private func run() {
        defer { finished.signal() }
        while true {
            wake.wait()
            while true {
                let (group, stopped) = pending.withLock { queue in
                    let taken = Array(queue.requests.prefix(Self.groupLimit))
                    queue.requests.removeFirst(taken.count)
                    return (taken, queue.stopped)
                }
                if group.isEmpty {
                    if stopped { return }
                    break
                }
                let outcome = Result { try ingestor.ingestGroup(group.map(\.input), channel: .socket, now: clock.now()) }
                for (index, request) in group.enumerated() {
                    request.result.withLock { $0 = outcome.map { $0[index] } }
                    request.done.signal()
                }
                if case .success(let reports) = outcome, reports.contains(where: { $0.counts.accepted > 0 }) { catchUp() }
            }
        }
    }

    private func catchUp() {
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

/// The daemon is stopping and takes no more socket ingests.
struct SocketIngestStopped: Error, CustomStringConvertible {
    var description: String { "the daemon is stopping; send the ingest again once it is back" }
}
