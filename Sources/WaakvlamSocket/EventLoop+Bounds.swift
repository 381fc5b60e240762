#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension EventLoop {
    /// Counts a new connection against the client limit, or refuses it with one line (and a
    /// lingering close, as for a peer without access). The log says so once per episode.
    func admit(_ connection: Connection) {
        guard clients < clientLimit else {
            if refusedOverLimit == nil {
                log("too many clients: \(clients) connected, the most allowed (socket.max_clients \(server.maxClients)"
                    + (clientLimit < server.maxClients ? ", lowered to \(clientLimit) by the open-file limit" : "")
                    + "); refusing new connections until fewer are connected")
            }
            refusedOverLimit = (refusedOverLimit ?? 0) + 1
            refuse(connection, tooManyClientsLine)
            return
        }
        connection.admitted = true
        clients += 1
    }

    /// Reads the open-file limit again and says once when it leaves room for fewer clients than configured.
    func refreshClientLimit() {
        let limit = server.clientLimit(openFileLimit: Posix.openFileLimit())
        guard limit != clientLimit else { return }
        clientLimit = limit
        if limit < server.maxClients {
            log("the open-file limit (\(Posix.openFileLimit() ?? 0)) leaves room for \(limit) clients after "
                + "\(server.descriptorReserve + server.maxOpenRefusals) kept for the store, the spool and refusals: "
                + "at most \(limit) at once, not socket.max_clients \(server.maxClients)")
        }
    }

    /// Sends `line` as the connection's only answer and closes it after.
    func refuse(_ connection: Connection, _ line: [UInt8]) {
        connection.refused = true
        connection.closing = true
        openRefusals += 1
        _ = enqueue(connection, line)
    }

    /// Keeps the counts when a connection closes; ends an episode of refusals once well below the limit.
    func release(_ connection: Connection) {
        guard connection.admitted else {
            if connection.refused { openRefusals -= 1 }
            return
        }
        clients -= 1
        // Some room below the limit before saying so, so that a client count hovering at it does not flood the log.
        if let refused = refusedOverLimit, clients <= clientLimit - max(1, clientLimit / 10) {
            log("accepting new connections again (\(clients) connected); \(refused) refused meanwhile")
            refusedOverLimit = nil
        }
    }

    var tooManyClientsLine: [UInt8] {
        SocketServer.errorLine("too many clients (\(clients) connected, at most \(clientLimit)); try again later", id: nil)
    }

    /// What became of a connection accept() could not take for want of a descriptor.
    enum Shedding {
        /// Accepted on the spare descriptor, told and closed: accept the next.
        case shed
        /// Nothing was waiting (Linux reports EMFILE before it looks at the queue): stop for now.
        case drained
        /// No spare descriptor, or it was taken meanwhile: pause accepting.
        case failed
    }

    /// accept() failed for want of a descriptor (EMFILE, ENFILE): frees the spare one, accepts the
    /// waiting connection and closes it after a best-effort error line, then takes the spare back.
    /// Without it, the connection would stay in the backlog and poll would report it again at once.
    func shedOneConnection(_ code: Int32) -> Shedding {
        startDescriptorEpisode(code)
        guard spareDescriptor >= 0 else { return .failed }
        Glibc.close(spareDescriptor)
        let fd = accept(listener, nil, nil)
        let acceptErrno = errno
        if fd >= 0 {
            shedForDescriptors = (shedForDescriptors ?? 0) + 1
            let line = SocketServer.errorLine("too many clients: the daemon is out of file descriptors; try again later", id: nil)
            _ = line.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            Glibc.close(fd)
        }
        spareDescriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
        if fd >= 0 { return .shed }
        return acceptErrno == EAGAIN || acceptErrno == EWOULDBLOCK ? .drained : .failed
    }

    /// Says once per episode that new connections are refused for want of descriptors.
    func startDescriptorEpisode(_ code: Int32) {
        guard shedForDescriptors == nil else { return }
        shedForDescriptors = 0
        log("accept: \(Posix.errorText(code)) with \(clients) clients connected; refusing new connections until descriptors are free")
    }

    /// Ends an episode of shedding at the first connection accepted normally again.
    func descriptorsAvailable() {
        guard let shed = shedForDescriptors else { return }
        log("accepting new connections again; \(shed) refused for want of file descriptors meanwhile")
        shedForDescriptors = nil
    }

    /// When an idle connection is to be closed; nil when it cannot be idle (or there is no time-out).
    func idleDeadline(_ connection: Connection) -> UInt64? {
        guard let timeout = server.idleTimeout, connection.canBeIdle else { return nil }
        return connection.lastActivity &+ UInt64(timeout * 1e9)
    }

    /// Tells the client why and closes it; an idle client has sent nothing, so there is no input to discard.
    func closeIdle(_ connection: Connection) {
        _ = enqueue(connection, SocketServer.errorLine("closed: idle for \(idleTimeoutText) (socket.idle_timeout)", id: nil))
        close(connection, reason: nil)
    }

    /// One line for all connections closed in a sweep, and sweeps at most once a second, so
    /// thousands of idle clients do not make thousands of lines.
    func reportIdle(_ count: Int, now: UInt64) {
        log("closed \(count) idle connection\(count == 1 ? "" : "s") (nothing sent or received for \(idleTimeoutText))")
        nextIdleSweep = now + 1_000_000_000
    }

    var idleTimeoutText: String {
        guard let timeout = server.idleTimeout else { return "ever" }
        return timeout >= 1 && timeout == timeout.rounded() ? "\(Int(timeout)) s" : "\(Int((timeout * 1000).rounded())) ms"
    }
}
