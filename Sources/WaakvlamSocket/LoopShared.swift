#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// Events handed to the loop thread from handler threads and publishers.
enum LoopEvent: Sendable {
    /// The answer to a connection's in-flight request.
    case response(connection: UInt64, line: [UInt8])
    /// A page of a subscriber's backlog (or why it could not be read).
    case backlog(connection: UInt64, requestID: JSONValue?, first: Bool, page: Result<[BacklogNotice], SocketRequestError>)
    case publish(id: Int64, line: [UInt8])
    case stop
}

struct BacklogNotice: Sendable {
    var id: Int64
    var line: [UInt8]
}

/// The inbox of the loop, and the pipe that wakes its poll.
final class LoopShared: Sendable {
    private struct Inbox {
        var events: [LoopEvent] = []
        var wakeRead: Int32
        var wakeWrite: Int32
    }

    private let inbox: Mutex<Inbox>

    init(wakeRead: Int32, wakeWrite: Int32) { inbox = Mutex(Inbox(wakeRead: wakeRead, wakeWrite: wakeWrite)) }

    /// Queues an event and wakes the loop (one byte per batch). Dropped once the loop is gone.
    func post(_ event: LoopEvent) {
        inbox.withLock { inbox in
            guard inbox.wakeWrite >= 0 else { return }
            let wasEmpty = inbox.events.isEmpty
            inbox.events.append(event)
            if wasEmpty {
                var byte: UInt8 = 1
                _ = write(inbox.wakeWrite, &byte, 1)
            }
        }
    }

    func take() -> [LoopEvent] {
        inbox.withLock { inbox in
            let events = inbox.events
            inbox.events = []
            return events
        }
    }

    /// Closes the wake pipe under the lock (after the loop is gone), so no late post writes to a
    /// closed pipe (SIGPIPE) or to a reused descriptor.
    func closeWake() {
        inbox.withLock { inbox in
            if inbox.wakeWrite >= 0 { close(inbox.wakeWrite) }
            if inbox.wakeRead >= 0 { close(inbox.wakeRead) }
            inbox.wakeWrite = -1
            inbox.wakeRead = -1
            inbox.events = []
        }
    }
}
