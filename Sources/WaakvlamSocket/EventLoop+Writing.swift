#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch

extension EventLoop {
    /// Queues output and tries to send it. False if the connection was closed (cut off or broken)
    /// or is past its last line.
    /// A client with output pending is cut off when a line would take it past the limit;
    /// a single line is always accepted when nothing is pending.
    @discardableResult
    func enqueue(_ connection: Connection, _ bytes: [UInt8]) -> Bool {
        guard !connection.closed, !connection.lingering else { return false }
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
        return !connection.closed && !connection.lingering
    }

    func flush(_ connection: Connection) {
        while connection.pending > 0 {
            let count = min(connection.pending, 1 << 20)
            let head = connection.outputHead
            let sent = connection.output.withUnsafeBytes { raw in
                send(connection.fd, raw.baseAddress! + head, count, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                connection.lastActivity = DispatchTime.now().uptimeNanoseconds
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
}
