#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch

extension EventLoop {
    func readInput(_ connection: Connection) {
        let received = readBuffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
        if received > 0 {
            connection.lastActivity = DispatchTime.now().uptimeNanoseconds
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

    /// Appends what `readBuffer` holds to the connection's input, minus the tail of a line being skipped.
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

    /// The next complete line, or the unterminated rest once the peer stopped sending.
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
            // The line cannot be answered: drop what is buffered and skip up to its newline.
            connection.input = []
            connection.inputHead = 0
            connection.scanned = 0
            connection.discarding = !connection.readClosed
            guard enqueue(connection, SocketServer.errorLine(overLongMessage, id: nil)) else { return }
        }
        finishIfDone(connection)
    }

    var overLongMessage: String { "request line longer than \(server.maxLineBytes) bytes; skipped" }
}
