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
    /// The listening socket; replaced when the socket file was removed and is bound again.
    var listener: Int32
    let wakeRead: Int32
    /// The socket file this server made (nil for a socket systemd passed, whose file stays).
    var socketIdentity: Posix.FileIdentity?
    /// The file of a passed socket as it was at start, to warn once when it goes.
    let passedIdentity: Posix.FileIdentity?
    /// What was last said about a missing or foreign socket file, so it is said once.
    var fileProblem: String?
    var nextFileCheck: UInt64 = 0
    /// Most admitted clients: `maxClients`, or less when the open-file limit leaves less (read
    /// again before accepting, as `prlimit` can lower it while the daemon runs).
    var clientLimit: Int
    var clients = 0
    var openRefusals = 0
    /// Connections refused for the limit in the current episode; nil while below it.
    var refusedOverLimit: Int?
    /// Connections shed for want of a descriptor in the current episode; nil while there are descriptors.
    var shedForDescriptors: Int?
    /// Held open so that at EMFILE one descriptor can be freed to accept and refuse a connection,
    /// instead of leaving it in the backlog, where poll reports it again at once.
    var spareDescriptor: Int32 = -1
    var nextIdleSweep: UInt64 = 0
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
        clientLimit = server.maxClients
        passedIdentity = server.passed?.path.flatMap { try? Posix.lstatFile($0)?.identity }
        spareDescriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
    }

    func log(_ message: String) { server.logger("socket: " + message) }

    func run() {
        var fds: [pollfd] = []
        var order: [Connection] = []
        refreshClientLimit()
        while !stopping {
            fds.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            var now = DispatchTime.now().uptimeNanoseconds
            if now >= nextFileCheck {
                checkSocketFile()
                now = DispatchTime.now().uptimeNanoseconds
                nextFileCheck = now + UInt64(server.fileCheckInterval * 1e9)
            }
            // Refused connections linger up to a second each: past a few, new ones wait in the backlog.
            let accepting = now >= acceptPausedUntil && openRefusals < server.maxOpenRefusals
            var wakeAt: UInt64 = min(nextFileCheck, now >= acceptPausedUntil ? .max : acceptPausedUntil)
            fds.append(pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0))
            fds.append(pollfd(fd: accepting ? listener : -1, events: Int16(POLLIN), revents: 0))
            var idleClosed = 0
            for connection in connections.values {
                if let deadline = idleDeadline(connection) {
                    if now >= deadline, now >= nextIdleSweep {
                        closeIdle(connection)
                        idleClosed += 1
                        continue
                    }
                    wakeAt = min(wakeAt, max(deadline, nextIdleSweep))
                }
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
            if idleClosed > 0 { reportIdle(idleClosed, now: now) }
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
        if spareDescriptor >= 0 { Glibc.close(spareDescriptor) }
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
