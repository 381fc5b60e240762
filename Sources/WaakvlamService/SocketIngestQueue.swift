import Foundation
import Synchronization
import WaakvlamCore
import WaakvlamIngest
import WaakvlamStore

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
    private let faults: FaultBoard
    private let pending = Mutex<(requests: [Request], stopped: Bool)>(([], false))
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the thread. A group that cannot be stored is refused whole (the senders try again),
    /// and reported to `faults`.
    init(ingestor: Ingestor, clock: any WallClock, levels: LevelService, deliverer: NoticeDeliverer, faults: FaultBoard) {
        self.ingestor = ingestor
        self.clock = clock
        self.levels = levels
        self.deliverer = deliverer
        self.faults = faults
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
                    .mapError { error -> any Error in
                        faults.failed("socket ingest", error)
                        return SocketIngestNotStored(error: error)
                    }
                if case .success = outcome { faults.succeeded("socket ingest") }
                for (index, request) in group.enumerated() {
                    request.result.withLock { $0 = outcome.map { $0[index] } }
                    request.done.signal()
                }
                if case .success(let reports) = outcome, reports.contains(where: { $0.counts.accepted > 0 }) { catchUp() }
            }
        }
    }

    private func catchUp() {
        // Still loading: the engine may have read the store before these signals were committed,
        // so the level service is asked to take them in once it is loaded (a catch-up that
        // finds nothing new costs little). Without the nudge they waited for the hourly step.
        guard let keeper = levels.keeper else {
            levels.nudge()
            return
        }
        do {
            try keeper.catchUp(at: clock.now())
            faults.succeeded("levels")
        } catch {
            // The signals are stored; the level service takes them in after its back-off.
            faults.failed("levels", error)
            levels.nudge()
        }
        deliverer.nudge()
    }
}

/// A socket ingest that could not be stored: nothing of it was accepted, and the sender should
/// send it again later.
struct SocketIngestNotStored: Error, CustomStringConvertible {
    let error: any Error
    var description: String {
        "not stored (\(FaultCause.of(error).rawValue)): nothing of this request was accepted; send it again later (\(FaultDescription.of(error)))"
    }
}

/// The daemon is stopping and takes no more socket ingests.
struct SocketIngestStopped: Error, CustomStringConvertible {
    var description: String { "the daemon is stopping; send the ingest again once it is back" }
}
