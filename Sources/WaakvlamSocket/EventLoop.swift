#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch
import Synchronization

/// One client connection; touched only on the loop thread.
final class Connection {
    let serial: UInt64
    var fd: Int32
    let peer: PeerCredentials
    var closed = false
    /// Refused at connect: only the error line goes out.
    var refused = false

    // Input: bytes not yet taken as lines start at `inputHead`; `scanned` is where the next newline search starts.
    var input: [UInt8] = []
    var inputHead = 0
    var scanned = 0
    /// Skipping the rest of an over-long line.
    var discarding = false
    /// The peer shut down its writing side (or closed).
    var readClosed = false

    // Output: bytes not yet sent start at `outputHead`.
    var output: [UInt8] = []
    var outputHead = 0
    var pending: Int { output.count - outputHead }
    /// Close as soon as the output is sent.
    var closing = false

    /// A request of this connection is being answered; the next line waits.
    var busy = false

    // Subscription.
    var subscribed = false
    var catchingUp = false
    var subscribeRequestID: JSONValue?
    /// The last notice id sent (or the `after` of the subscription).
    var lastSent: Int64 = .min
    /// Live notices that came while the backlog was being read; bounded, else `liveOverflowed` and the store is asked again.
    var liveBuffer: [BacklogNotice] = []
    var liveBufferBytes = 0
    var liveOverflowed = false
    /// The next backlog page waits until the client has read enough.
    var pageWanted = false

    init(serial: UInt64, fd: Int32, peer: PeerCredentials) {
        self.serial = serial
        self.fd = fd
        self.peer = peer
    }

    var wantsInput: Bool { !busy && !readClosed && !closing && !refused }
}

/// The poll loop. Runs on its own thread; everything here is confined to it.
final class EventLoop {
    let server: SocketServer
    let shared: LoopShared
    let listener: Int32
    let wakeRead: Int32
    let socketIdentity: Posix.FileIdentity
    let handlerQueue = DispatchQueue(label: "waakvlam.socket.handler", attributes: .concurrent)
    var connections: [UInt64: Connection] = [:]
    var nextSerial: UInt64 = 1
    var readBuffer = [UInt8](repeating: 0, count: 64 << 10)
    var stopping = false
    var acceptPausedUntil: UInt64 = 0

    init(server: SocketServer, shared: LoopShared, listener: Int32, wakeRead: Int32, socketIdentity: Posix.FileIdentity) {
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
            fds.append(pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0))
            fds.append(pollfd(fd: accepting ? listener : -1, events: Int16(POLLIN), revents: 0))
            for connection in connections.values {
                var events: Int16 = 0
                if connection.wantsInput { events |= Int16(POLLIN) }
                if connection.pending > 0 { events |= Int16(POLLOUT) }
                fds.append(pollfd(fd: connection.fd, events: events, revents: 0))
                order.append(connection)
            }
            let ready = poll(&fds, nfds_t(fds.count), accepting ? -1 : 100)
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
        if let current = try? Posix.lstatFile(server.path), current.identity == socketIdentity {
            unlink(server.path)
        }
        log("stopped listening on \(server.path)")
    }

    func drainWake() {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(wakeRead, &sink, sink.count) > 0 {}
    }

    // MARK: Events from other threads

    func handle(_ event: LoopEvent) {
        switch event {
        case .stop:
            stopping = true
        case .response(let serial, let line):
            guard let connection = connections[serial], !connection.closed else { return }
            connection.busy = false
            guard enqueue(connection, line) else { return }
            processInput(connection)
        case .backlog(let serial, let requestID, let first, let page):
            guard let connection = connections[serial], !connection.closed, connection.catchingUp else { return }
            handleBacklog(connection, requestID: requestID, first: first, page: page)
        case .publish(let id, let line):
            for connection in Array(connections.values) where !connection.closed && id > connection.lastSent {
                if connection.catchingUp {
                    guard !connection.liveOverflowed else { continue }
                    if connection.liveBufferBytes + line.count > server.maxPendingBytes {
                        connection.liveOverflowed = true
                        connection.liveBuffer = []
                        connection.liveBufferBytes = 0
                    } else {
                        connection.liveBuffer.append(BacklogNotice(id: id, line: line))
                        connection.liveBufferBytes += line.count
                    }
                } else if connection.subscribed {
                    if enqueue(connection, line) { connection.lastSent = id }
                }
            }
        }
    }

    func handleBacklog(_ connection: Connection, requestID: JSONValue?, first: Bool, page: Result<[BacklogNotice], SocketRequestError>) {
        switch page {
        case .failure(let error):
            connection.catchingUp = false
            connection.liveBuffer = []
            connection.liveBufferBytes = 0
            if first {
                connection.busy = false
                connection.lastSent = .min
                guard enqueue(connection, SocketServer.errorLine("cannot read notices: \(error.message)", id: requestID)) else { return }
                processInput(connection)
            } else {
                // The client has had "ok" and part of the backlog: end the connection rather than skip notices.
                connection.subscribed = false
                connection.closing = true
                let message = "subscription ended: cannot read notices: \(error.message); reconnect with after = the last notice_id"
                guard enqueue(connection, SocketServer.errorLine(message, id: requestID)) else { return }
                finishIfDone(connection)
            }
        case .success(let notices):
            if first {
                connection.subscribed = true
                guard enqueue(connection, SocketServer.responseLine(ok: true, id: requestID, fields: [:])) else { return }
            }
            let before = connection.lastSent
            for notice in notices where notice.id > connection.lastSent {
                guard enqueue(connection, notice.line) else { return }
                connection.lastSent = notice.id
            }
            if notices.count >= server.backlogPageSize, connection.lastSent > before {
                requestNextPage(connection)
            } else if connection.liveOverflowed {
                connection.liveOverflowed = false
                requestNextPage(connection)
            } else {
                let live = connection.liveBuffer
                connection.liveBuffer = []
                connection.liveBufferBytes = 0
                connection.catchingUp = false
                connection.busy = false
                for notice in live where notice.id > connection.lastSent {
                    guard enqueue(connection, notice.line) else { return }
                    connection.lastSent = notice.id
                }
                processInput(connection)
            }
        }
    }

    func requestNextPage(_ connection: Connection) {
        if connection.pending <= server.maxPendingBytes / 2 {
            fetchPage(connection, first: false)
        } else {
            connection.pageWanted = true
        }
    }

    func fetchPage(_ connection: Connection, first: Bool) {
        let after = connection.lastSent
        let serial = connection.serial
        let requestID = connection.subscribeRequestID
        let limit = server.backlogPageSize
        let handler = server.handler
        let shared = self.shared
        handlerQueue.async {
            let page: Result<[BacklogNotice], SocketRequestError>
            do {
                let notices = try handler.notices(after: after, limit: limit)
                page = .success(notices.map { BacklogNotice(id: $0.id, line: SocketServer.noticeLine(id: $0.id, json: $0.line)) })
            } catch {
                page = .failure(SocketRequestError(SocketServer.message(of: error)))
            }
            shared.post(.backlog(connection: serial, requestID: requestID, first: first, page: page))
        }
    }

    // MARK: Connections

    func acceptClients() {
        for _ in 0..<64 {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                let code = errno
                switch code {
                case EINTR, ECONNABORTED, EPROTO: continue
                case EAGAIN, EWOULDBLOCK: return
                default:
                    // Out of descriptors or memory: stop accepting for a moment instead of spinning.
                    log("accept: \(Posix.errorText(code)); pausing new connections")
                    acceptPausedUntil = DispatchTime.now().uptimeNanoseconds + 100_000_000
                    return
                }
            }
            Posix.setNonBlockingCloseOnExec(fd)
            guard let peer = Posix.peerCredentials(fd) else {
                log("refused a connection: no peer credentials")
                Glibc.close(fd)
                continue
            }
            let connection = Connection(serial: nextSerial, fd: fd, peer: peer)
            nextSerial += 1
            connections[connection.serial] = connection
            server.connectedClients.add(1, ordering: .relaxed)
            if !server.access.allowsConnection(peer) {
                log("refused \(peer): no read or write access")
                connection.refused = true
                connection.closing = true
                _ = enqueue(connection, SocketServer.errorLine("permission denied: uid \(peer.uid) may not use this socket", id: nil))
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
        if let reason { log("closed \(connection.peer): \(reason)") }
    }

    /// Queues output and tries to send it. False if the connection was closed (cut off or broken).
    /// A client with output pending is cut off when a line would take it past the limit;
    /// a single line is always accepted when nothing is pending.
    @discardableResult
    func enqueue(_ connection: Connection, _ bytes: [UInt8]) -> Bool {
        guard !connection.closed else { return false }
        if connection.pending > 0, connection.pending + bytes.count > server.maxPendingBytes {
            close(connection, reason: "cut off: more than \(server.maxPendingBytes) bytes of output pending")
            return false
        }
        if connection.outputHead > 0, connection.outputHead >= 1 << 16 || connection.outputHead * 2 >= connection.output.count {
            connection.output.removeFirst(connection.outputHead)
            connection.outputHead = 0
        }
        connection.output.append(contentsOf: bytes)
        flush(connection)
        return !connection.closed
    }

    func flush(_ connection: Connection) {
        while connection.pending > 0 {
            let count = min(connection.pending, 1 << 20)
            let head = connection.outputHead
            let sent = connection.output.withUnsafeBytes { raw in
                send(connection.fd, raw.baseAddress! + head, count, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                connection.outputHead += sent
                continue
            }
            let code = errno
            if sent < 0, code == EINTR { continue }
            if sent < 0, code == EAGAIN || code == EWOULDBLOCK { break }
            close(connection, reason: sent < 0 && code != EPIPE && code != ECONNRESET ? "write: \(Posix.errorText(code))" : nil)
            return
        }
        if connection.pending == 0 {
            connection.output.removeAll(keepingCapacity: connection.output.capacity <= 1 << 16)
            connection.outputHead = 0
        }
        if connection.pageWanted, connection.pending <= server.maxPendingBytes / 2 {
            connection.pageWanted = false
            fetchPage(connection, first: false)
        }
        finishIfDone(connection)
    }

    /// Closes a connection that has nothing more to do: marked closing, or the peer stopped
    /// sending and every answer (and no subscription) is left.
    func finishIfDone(_ connection: Connection) {
        guard !connection.closed else { return }
        if connection.readClosed, !connection.busy, !connection.subscribed, !connection.catchingUp,
           connection.inputHead >= connection.input.count {
            connection.closing = true
        }
        if connection.closing, connection.pending == 0 { close(connection, reason: nil) }
    }

    func readInput(_ connection: Connection) {
        let received = readBuffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
        if received > 0 {
            absorb(connection, count: received)
        } else if received == 0 {
            connection.readClosed = true
            connection.discarding = false
        } else {
            let code = errno
            if code == EAGAIN || code == EWOULDBLOCK || code == EINTR { return }
            close(connection, reason: code == ECONNRESET ? nil : "read: \(Posix.errorText(code))")
            return
        }
        processInput(connection)
    }

    func absorb(_ connection: Connection, count: Int) {
        var start = 0
        if connection.discarding {
            guard let newline = readBuffer[0..<count].firstIndex(of: 10) else { return }
            connection.discarding = false
            start = newline + 1
        }
        guard start < count else { return }
        if connection.inputHead > 0 {
            connection.input.removeFirst(connection.inputHead)
            connection.scanned = max(0, connection.scanned - connection.inputHead)
            connection.inputHead = 0
        }
        connection.input.append(contentsOf: readBuffer[start..<count])
        server.peakInputBuffer.max(connection.input.count, ordering: .relaxed)
    }

    func nextLine(_ connection: Connection) -> ArraySlice<UInt8>? {
        let from = max(connection.scanned, connection.inputHead)
        if from < connection.input.count, let newline = connection.input[from...].firstIndex(of: 10) {
            let line = connection.input[connection.inputHead..<newline]
            connection.inputHead = newline + 1
            connection.scanned = connection.inputHead
            return line
        }
        connection.scanned = connection.input.count
        if connection.readClosed, connection.inputHead < connection.input.count {
            let line = connection.input[connection.inputHead...]
            connection.inputHead = connection.input.count
            connection.scanned = connection.inputHead
            return line
        }
        return nil
    }

    func processInput(_ connection: Connection) {
        // Lines already received are still answered after the peer stopped sending (readClosed).
        while !connection.closed, !connection.busy, !connection.closing, !connection.refused {
            guard let line = nextLine(connection) else { break }
            handleLine(connection, line)
        }
        guard !connection.closed else { return }
        if connection.inputHead >= connection.input.count, connection.inputHead > 0 {
            connection.input.removeAll(keepingCapacity: connection.input.capacity <= 1 << 16)
            connection.inputHead = 0
            connection.scanned = 0
        }
        if !connection.busy, !connection.discarding, connection.input.count - connection.inputHead > server.maxLineBytes {
            connection.input = []
            connection.inputHead = 0
            connection.scanned = 0
            connection.discarding = !connection.readClosed
            guard enqueue(connection, SocketServer.errorLine(overLongMessage, id: nil)) else { return }
        }
        finishIfDone(connection)
    }

    var overLongMessage: String { "request line longer than \(server.maxLineBytes) bytes; skipped" }

    func handleLine(_ connection: Connection, _ raw: ArraySlice<UInt8>) {
        var line = raw
        if line.last == 13 { line = line.dropLast() }
        if line.count > server.maxLineBytes {
            enqueue(connection, SocketServer.errorLine(overLongMessage, id: nil))
            return
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: line)
        } catch {
            enqueue(connection, SocketServer.errorLine("invalid JSON: \(error)", id: nil))
            return
        }
        guard case .object(var members) = value else {
            enqueue(connection, SocketServer.errorLine("a request must be a JSON object", id: nil))
            return
        }
        let id = members.removeValue(forKey: "id")
        guard let opValue = members.removeValue(forKey: "op") else {
            enqueue(connection, SocketServer.errorLine("missing \"op\"", id: id))
            return
        }
        guard case .string(let name) = opValue else {
            enqueue(connection, SocketServer.errorLine("\"op\" must be a string", id: id))
            return
        }
        guard let operation = SocketOperation(rawValue: name) else {
            let known = SocketOperation.allCases.map(\.rawValue).joined(separator: ", ")
            enqueue(connection, SocketServer.errorLine("unknown op \"\(name)\" (known: \(known))", id: id))
            return
        }
        guard server.access.allows(operation, peer: connection.peer) else {
            let kind = operation.needsWrite ? "write" : "read"
            enqueue(connection, SocketServer.errorLine("permission denied: \(name) needs \(kind) access, which uid \(connection.peer.uid) does not have", id: id))
            return
        }
        let request = SocketRequest(operation: operation, id: id, body: members)
        if operation == .subscribe {
            subscribe(connection, request)
            return
        }
        connection.busy = true
        let serial = connection.serial
        let peer = connection.peer
        let handler = server.handler
        let shared = self.shared
        handlerQueue.async {
            let line: [UInt8]
            do {
                let fields = try handler.handle(request, peer: peer)
                line = SocketServer.responseLine(ok: true, id: request.id, fields: fields)
            } catch {
                line = SocketServer.errorLine(SocketServer.message(of: error), id: request.id)
            }
            shared.post(.response(connection: serial, line: line))
        }
    }

    func subscribe(_ connection: Connection, _ request: SocketRequest) {
        guard !connection.subscribed, !connection.catchingUp else {
            enqueue(connection, SocketServer.errorLine("already subscribed", id: request.id))
            return
        }
        switch request.body["after"] {
        case nil, .null?:
            connection.subscribed = true
            connection.lastSent = .min
            enqueue(connection, SocketServer.responseLine(ok: true, id: request.id, fields: [:]))
        case let after?:
            guard let after = after.int64Value else {
                enqueue(connection, SocketServer.errorLine("\"after\" must be an integer notice id", id: request.id))
                return
            }
            connection.busy = true
            connection.catchingUp = true
            connection.lastSent = after
            connection.subscribeRequestID = request.id
            fetchPage(connection, first: true)
        }
    }
}
