#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch

extension EventLoop {
    func acceptClients() {
        refreshClientLimit()
        for _ in 0..<64 where openRefusals < server.maxOpenRefusals {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                let code = errno
                switch code {
                case EINTR, ECONNABORTED, EPROTO: continue
                case EAGAIN, EWOULDBLOCK: return
                case EMFILE, ENFILE:
                    switch shedOneConnection(code) {
                    case .shed: continue
                    case .drained: return
                    case .failed: break
                    }
                default:
                    log("accept: \(Posix.errorText(code)); pausing new connections")
                }
                // Out of memory, or of descriptors with no spare: stop accepting for a moment instead of spinning.
                acceptPausedUntil = DispatchTime.now().uptimeNanoseconds + 100_000_000
                return
            }
            descriptorsAvailable()
            Posix.setNonBlockingCloseOnExec(fd)
            guard let peer = Posix.peerCredentials(fd) else {
                log("refused a connection: no peer credentials")
                Glibc.close(fd)
                continue
            }
            let connection = Connection(serial: nextSerial, fd: fd, peer: peer, now: DispatchTime.now().uptimeNanoseconds)
            nextSerial += 1
            connections[connection.serial] = connection
            server.connectedClients.add(1, ordering: .relaxed)
            if server.admits(peer) {
                admit(connection)
            } else {
                log("refused \(peer): no read or write access")
                refuse(connection, SocketServer.errorLine("permission denied: uid \(peer.uid) may not use this socket", id: nil))
            }
        }
    }

    func close(_ connection: Connection, reason: String?) {
        guard !connection.closed else { return }
        connection.closed = true
        Glibc.close(connection.fd)
        connection.fd = -1
        connection.input = []
        connection.output = []
        connection.liveBuffer = []
        connections[connection.serial] = nil
        server.connectedClients.subtract(1, ordering: .relaxed)
        release(connection)
        if let reason { log("closed \(connection.peer): \(reason)") }
    }

    /// Closes a connection that has nothing more to do: marked closing, or the peer stopped
    /// sending and every answer (and no subscription) is left.
    func finishIfDone(_ connection: Connection) {
        guard !connection.closed, !connection.lingering else { return }
        if connection.readClosed, !connection.busy, !connection.subscribed, !connection.catchingUp,
           connection.inputHead >= connection.input.count {
            connection.closing = true
        }
        guard connection.closing, connection.pending == 0 else { return }
        // A peer that has sent everything cannot be reset by unread input.
        if connection.readClosed {
            close(connection, reason: nil)
        } else {
            linger(connection)
        }
    }

    /// Ends a connection whose peer may still be sending: our end of stream goes out at once,
    /// and the socket stays open, discarding input, until the peer's end of stream or the bound.
    func linger(_ connection: Connection) {
        connection.lingering = true
        connection.lingerDeadline = DispatchTime.now().uptimeNanoseconds + server.lingerNanoseconds
        connection.input = []
        connection.inputHead = 0
        connection.scanned = 0
        connection.liveBuffer = []
        shutdown(connection.fd, Int32(SHUT_WR))
        discardInput(connection)
    }

    func discardInput(_ connection: Connection) {
        while !connection.closed {
            let received = readBuffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                connection.lingerDiscarded += received
                if connection.lingerDiscarded > server.lingerByteLimit {
                    close(connection, reason: "still sending more than \(server.lingerByteLimit) bytes after its last line")
                }
                continue
            }
            let code = errno
            if received < 0, code == EINTR { continue }
            if received < 0, code == EAGAIN || code == EWOULDBLOCK { return }
            close(connection, reason: nil)
        }
    }
}
