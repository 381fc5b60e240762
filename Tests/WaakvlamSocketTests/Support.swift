#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing
@testable import WaakvlamSocket

struct TestTimeout: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out: \(what)" }
}

/// A fresh temporary directory, removed by `remove()`.
struct TempDirectory {
    let path: String
    init() {
        var template = Array("/tmp/waakvlam-sock-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = String(cString: made!)
    }
    var socketPath: String { path + "/waakvlam.sock" }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A blocking client socket with line reading and timeouts.
final class TestClient: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(path: String) throws {
        // A local until connected: once `fd` is set, a throw runs deinit and would close it twice.
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if result != 0 {
            let code = errno
            Glibc.close(fd)
            throw SocketServerError.system(operation: "connect", path: path, errno: code)
        }
        self.fd = fd
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    throw SocketServerError.system(operation: "send", path: "", errno: errno)
                }
                offset += sent
            }
        }
    }

    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// The next line without its newline; nil at end of stream.
    func readLine(timeout: Double = 10) throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeFirst(newline + 1)
                return line
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { throw TestTimeout(what: "reading a line") }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining, 1) * 1000) + 1)
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = recv(fd, &chunk, chunk.count, 0)
            if count == 0 { return nil }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                if errno == ECONNRESET { return nil }
                throw SocketServerError.system(operation: "recv", path: "", errno: errno)
            }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    func readJSON(timeout: Double = 10) throws -> JSONValue {
        guard let line = try readLine(timeout: timeout) else { throw TestTimeout(what: "end of stream instead of a line") }
        return try JSONValue(parsing: line)
    }

    /// Sends one request line and reads one response.
    func request(_ line: String, timeout: Double = 10) throws -> JSONValue {
        try send(line + "\n")
        return try readJSON(timeout: timeout)
    }
}

/// A handler with canned answers and an in-memory notice store.
final class StubHandler: SocketHandler {
    let store = Mutex<[(id: Int64, line: String)]>([])
    let noticesDelayMicroseconds: UInt32
    let failNotices: Bool
    /// Requests that reached the handler.
    let handled = Atomic<Int>(0)

    init(noticesDelayMicroseconds: UInt32 = 0, failNotices: Bool = false) {
        self.noticesDelayMicroseconds = noticesDelayMicroseconds
        self.failNotices = failNotices
    }

    func handle(_ request: SocketRequest, peer: PeerCredentials) throws -> [String: JSONValue] {
        handled.add(1, ordering: .relaxed)
        if let sleep = request.body["sleep_ms"]?.int64Value { usleep(UInt32(sleep) * 1000) }
        switch request.operation {
        case .status:
            return ["status": "fine", "uid": .int(Int64(peer.uid)), "groups": .array(peer.groups.map { .int(Int64($0)) })]
        case .explain, .contact, .snooze, .resolve:
            return ["echo": .object(request.body)]
        case .ack:
            guard let notice = request.body["notice"]?.int64Value else { throw SocketRequestError("ack needs \"notice\"") }
            return ["acked": .int(notice)]
        case .ingest:
            return ["bytes": .int(Int64(request.body["data"]?.stringValue?.utf8.count ?? 0))]
        case .reload:
            throw SocketRequestError("refused", fields: ["problems": ["rules.yaml:3:7: not a number"], "error": "overridden"])
        case .subscribe:
            throw SocketRequestError("not here")
        }
    }

    func notices(after id: Int64, limit: Int) throws -> [(id: Int64, line: String)] {
        if failNotices { throw SocketRequestError("the store is closed") }
        if noticesDelayMicroseconds > 0 { usleep(noticesDelayMicroseconds) }
        return store.withLock { notices in Array(notices.lazy.filter { $0.id > id }.prefix(limit)) }
    }

    static func line(_ id: Int64, padding: Int = 0) -> String {
        padding > 0 ? "{\"n\":\(id),\"pad\":\"\(String(repeating: "p", count: padding))\"}" : "{\"n\":\(id)}"
    }

    /// Stores a notice, then publishes it: the order the daemon uses.
    func emit(_ id: Int64, on server: SocketServer, padding: Int = 0) {
        let text = Self.line(id, padding: padding)
        store.withLock { $0.append((id, text)) }
        server.publish(id: id, line: text)
    }
}

/// What a server logged, for tests that check it said something (once).
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    /// The lines that contain `text`.
    func lines(containing text: String) -> [String] { lines.withLock { $0.filter { $0.contains(text) } } }
    var all: [String] { lines.withLock { $0 } }
}

/// A started server in a fresh directory.
func startServer(
    handler: StubHandler = StubHandler(), access: SocketAccess = SocketAccess(),
    maxLineBytes: Int = 1 << 20, maxPendingBytes: Int = 4 << 20, maxClients: Int = 256, idleTimeout: Double? = 60,
    fileCheckInterval: Double = 2, backlogPageSize: Int = 256, mode: UInt32 = 0o660, log: CapturedLog = CapturedLog()
) throws -> (SocketServer, TempDirectory) {
    let directory = TempDirectory()
    let server = SocketServer(
        path: directory.socketPath, access: access, handler: handler,
        maxLineBytes: maxLineBytes, maxPendingBytes: maxPendingBytes, maxClients: maxClients, idleTimeout: idleTimeout,
        fileCheckInterval: fileCheckInterval, backlogPageSize: backlogPageSize, mode: mode, logger: { log.append($0) })
    try server.start()
    return (server, directory)
}

/// Reads notice lines until `last`; returns their ids (any response lines are skipped).
func readNoticeIDs(_ client: TestClient, through last: Int64, timeout: Double = 20) throws -> [Int64] {
    var ids: [Int64] = []
    let deadline = Date().addingTimeInterval(timeout)
    while ids.last != last {
        guard let line = try client.readLine(timeout: max(0.1, deadline.timeIntervalSinceNow)) else { break }
        let value = try JSONValue(parsing: line)
        if let id = value["notice_id"]?.int64Value {
            #expect(value["notice"]?["n"]?.int64Value == id)
            ids.append(id)
        }
    }
    return ids
}

func waitUntil(timeout: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}
