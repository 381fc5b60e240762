#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch

/// The poll loop. Runs on its own thread; everything here is confined to it.
final class EventLoop {
    let server: SocketServer
    let shared: LoopShared
    let listener: Int32
    let wakeRead: Int32
    /// The socket file this server made (nil for a socket systemd passed, whose file stays).
    let socketIdentity: Posix.FileIdentity?
    let handlerQueue = DispatchQueue(label: "waakvlam.socket.handler", attributes: .concurrent)
    var connections: [UInt64: Connection] = [:]
    var nextSerial: UInt64 = 1
    var readBuffer = [UInt8](repeating: 0, count: 64 << 10)
    var stopping = false
    var acceptPausedUntil: UInt64 = 0

    init(server: SocketServer, shared: LoopShared, listener: Int32, wakeRead: Int32, socketIdentity: Posix.FileIdentity?) {
        self.server = server
        self.shared = shared
        self.listener = listener
        self.wakeRead = wakeRead
        self.socketIdentity = socketIdentity
    }

    func log(_ message: String) { server.logger("socket: " + message) }

    func run() {
        var fds: [pollfd] = []
        var order: [Connection] = []
        while !stopping {
            fds.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            let now = DispatchTime.now().uptimeNanoseconds
            let accepting = now >= acceptPausedUntil
            var wakeAt: UInt64 = accepting ? .max : acceptPausedUntil
            fds.append(pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0))
            fds.append(pollfd(fd: accepting ? listener : -1, events: Int16(POLLIN), revents: 0))
            for connection in connections.values {
                var events: Int16 = 0
                if connection.lingering {
                    if now >= connection.lingerDeadline {
                        close(connection, reason: "still connected \(server.lingerNanoseconds / 1_000_000) ms after its last line")
                        continue
                    }
                    wakeAt = min(wakeAt, connection.lingerDeadline)
                    events |= Int16(POLLIN)
                }
                if connection.wantsInput { events |= Int16(POLLIN) }
                if connection.pending > 0 { events |= Int16(POLLOUT) }
                fds.append(pollfd(fd: connection.fd, events: events, revents: 0))
                order.append(connection)
            }
            let timeout: Int32 = wakeAt == .max ? -1 : wakeAt <= now ? 0 : Int32(clamping: (wakeAt - now) / 1_000_000 + 1)
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 {
                if errno != EINTR { log("poll: \(Posix.errorText(errno))") }
                continue
            }
            if fds[0].revents != 0 {
                drainWake()
                for event in shared.take() { handle(event) }
            }
            if fds[1].revents != 0 { acceptClients() }
            for (index, connection) in order.enumerated() {
                let revents = fds[index + 2].revents
                if revents == 0 || connection.closed { continue }
                if connection.lingering {
                    // After a hang-up recv still hands over what is left, then end of stream.
                    if revents & Int16(POLLERR | POLLNVAL) != 0 {
                        close(connection, reason: nil)
                    } else {
                        discardInput(connection)
                    }
                    continue
                }
                if revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                    close(connection, reason: nil)
                    continue
                }
                if revents & Int16(POLLOUT) != 0 { flush(connection) }
                if !connection.closed, revents & Int16(POLLIN) != 0 { readInput(connection) }
            }
        }
        for connection in Array(connections.values) { close(connection, reason: nil) }
        Glibc.close(listener)
        if let socketIdentity, let current = try? Posix.lstatFile(server.path), current.identity == socketIdentity {
            unlink(server.path)
        }
        log("stopped listening on \(server.path)")
    }

    func drainWake() {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(wakeRead, &sink, sink.count) > 0 {}
    }
}
