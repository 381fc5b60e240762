import Foundation
import Synchronization
import WaakvlamCore
import WaakvlamIngest

/// Takes the socket's ingest requests on one thread and stores whatever has arrived together in
/// one transaction (each request still its own run, with its own figures and problems): under
/// load, many small requests share a commit instead of paying three each.
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
    private let onStored: @Sendable () -> Void
    private let pending = Mutex<[Request]>([])
    private let wake = DispatchSemaphore(value: 0)

    /// Starts the thread; `onStored` runs after each group that stored something.
    init(ingestor: Ingestor, clock: any WallClock, onStored: @escaping @Sendable () -> Void) {
        self.ingestor = ingestor
        self.clock = clock
        self.onStored = onStored
        let thread = Thread { [self] in run() }
        thread.name = "waakvlam.socket-ingest"
        thread.start()
    }

    /// Queues `input` and waits until it is stored (or refused).
    func ingest(_ input: SmallInput) throws -> IngestReport {
        let request = Request(input)
        pending.withLock { $0.append(request) }
        wake.signal()
        request.done.wait()
        return try request.result.withLock { $0! }.get()
    }

    private func run() {
        while true {
            wake.wait()
            while true {
                let group: [Request] = pending.withLock { queue in
                    let taken = Array(queue.prefix(Self.groupLimit))
                    queue.removeFirst(taken.count)
                    return taken
                }
                if group.isEmpty { break }
                let outcome = Result { try ingestor.ingestGroup(group.map(\.input), channel: .socket, now: clock.now()) }
                for (index, request) in group.enumerated() {
                    request.result.withLock { $0 = outcome.map { $0[index] } }
                    request.done.signal()
                }
                if case .success(let reports) = outcome, reports.contains(where: { $0.counts.accepted > 0 }) { onStored() }
            }
        }
    }
}
