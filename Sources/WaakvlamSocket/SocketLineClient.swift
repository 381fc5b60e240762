#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch

/// Why a client could not talk to the socket.
public struct SocketClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed: `connect`, `send`, `receive`.
    public var operation: String
    /// The socket path.
    public var path: String
    /// The system error (0 for a time-out or a closed connection).
    public var code: Int32

    /// A failure of `operation` on the socket at `path` with `errno` `code` (0: none).
    public init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// Nobody listens at the path: no socket file (ENOENT, ENOTDIR) or a stale one (ECONNREFUSED).
    public var meansNoServer: Bool { operation == "connect" && (code == ENOENT || code == ENOTDIR || code == ECONNREFUSED) }

    /// The file system refuses us the socket (EACCES, EPERM): a server may well be running.
    public var meansNoAccess: Bool { code == EACCES || code == EPERM }

    public var description: String {
        switch (operation, code) {
        case ("receive", 0): "no answer from \(path) in time"
        case ("closed", _): "\(path) closed the connection"
        default: "\(operation) \(path): \(Posix.errorText(code))"
        }
    }
}

/// A blocking client of a newline-delimited JSON socket: connect to a path, send lines, read
/// lines (with or without a time-out). Used by the command line, tests and the benchmark.
/// One thread at a time per client; different clients are independent.
public final class SocketLineClient: @unchecked Sendable {
    /// The socket's path.
    public let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var head = 0
    private var scanned = 0
    private var chunk = [UInt8](repeating: 0, count: 65_536)

    /// Connects to the socket at `path`; throws ``SocketClientError`` (see ``SocketClientError/meansNoServer``).
    public init(path: String) throws(SocketClientError) {
        self.path = path
        let address: sockaddr_un
        do {
            address = try Posix.address(path)
        } catch {
            throw SocketClientError(operation: "connect", path: path, code: ENAMETOOLONG)
        }
        // A local until connected: once `fd` is set, a throw runs deinit, which would close the
        // descriptor a second time, by then perhaps another thread's.
        let socket = Posix.streamSocket()
        guard socket >= 0 else { throw SocketClientError(operation: "socket", path: path, code: errno) }
        while Posix.connect(socket, address) != 0 {
            let code = errno
            if code == EINTR { continue }
            Glibc.close(socket)
            throw SocketClientError(operation: "connect", path: path, code: code)
        }
        fd = socket
    }

    deinit { Glibc.close(fd) }

    /// Sends `line` and a newline (the line must not contain one). A peer that has gone raises
    /// an error, never SIGPIPE.
    public func send(_ line: String) throws(SocketClientError) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw SocketClientError(operation: "send", path: path, code: errno)
            }
            offset += written
        }
    }

    /// Sends a JSON value as one line.
    public func send(_ value: JSONValue) throws(SocketClientError) { try send(value.jsonText) }

    /// The next line's bytes (without its newline), or nil at the end of the stream. With a
    /// `timeout` (seconds), throws a `receive` error with code 0 when no full line came in time.
    public func readLine(timeout: Double? = nil) throws(SocketClientError) -> ArraySlice<UInt8>? {
        let deadline = timeout.map { DispatchTime.now().uptimeNanoseconds + UInt64(max(0, $0) * 1e9) }
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
                let line = buffer[head..<newline]
                head = newline + 1
                scanned = head
                return line
            }
            scanned = buffer.count
            if head > 0, head == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                head = 0
                scanned = 0
            } else if head > 65_536, head * 2 > buffer.count {
                buffer.removeSubrange(..<head)
                scanned -= head
                head = 0
            }
            if let deadline {
                let now = DispatchTime.now().uptimeNanoseconds
                guard now < deadline else { throw SocketClientError(operation: "receive", path: path, code: 0) }
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, Int32(min(Double(Int32.max), Double(deadline - now) / 1e6 + 1)))
                if ready < 0, errno != EINTR { throw SocketClientError(operation: "receive", path: path, code: errno) }
                if ready <= 0 { continue }
            }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SocketClientError(operation: "receive", path: path, code: errno)
            }
            if count == 0 {
                // A last line without a newline still counts.
                guard head < buffer.count else { return nil }
                let line = buffer[head...]
                head = buffer.count
                scanned = head
                return line
            }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    /// The next line parsed as JSON, or nil at the end of the stream. A line that is not JSON is
    /// returned as a string value.
    public func receive(timeout: Double? = nil) throws(SocketClientError) -> JSONValue? {
        guard let line = try readLine(timeout: timeout) else { return nil }
        if let value = try? JSONValue(parsing: line) { return value }
        if let text = String(validating: line, as: UTF8.self) { return .string(text) }
        return .string("a line that is not valid UTF-8 (\(line.count) bytes)")
    }

    /// Sends `request` and returns the answer line; a closed connection is a `closed` error.
    public func request(_ request: JSONValue, timeout: Double? = nil) throws(SocketClientError) -> JSONValue {
        do {
            try send(request)
        } catch {
            // The server may have refused us and closed: its refusal line is still readable.
            if let answer = try? receive(timeout: 1) { return answer }
            throw error
        }
        guard let answer = try receive(timeout: timeout) else { throw SocketClientError(operation: "closed", path: path, code: 0) }
        return answer
    }
}
