#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing
@testable import WaakvlamSocket

@Suite("Socket server: requests and responses", .serialized)
struct SocketRequestTests {
    @Test("Given a stub handler, when a client sends a request with an id, then the response carries ok, the id and the handler's fields")
    func roundTrip() throws {
        let (server, directory) = try startServer()
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        try client.send("{\"op\":\"status\",\"id\":7}\n")
        let line = try #require(try client.readLine())
        #expect(line.hasPrefix("{\"ok\":true,\"id\":7,"))
        let response = try JSONValue(parsing: line)
        #expect(response["status"] == "fine")
        #expect(response["uid"]?.int64Value == Int64(geteuid()))
        #expect(response["groups"]?.arrayValue?.first?.int64Value == Int64(getegid()))
        let named = try client.request("{\"op\":\"explain\",\"id\":\"abc\",\"household\":\"H-1\"}")
        #expect(named["ok"] == true)
        #expect(named["id"] == "abc")
        #expect(named["echo"] == ["household": "H-1"])
        let anonymous = try client.request("{\"op\":\"status\"}")
        #expect(anonymous["ok"] == true)
        #expect(anonymous["id"] == nil)
    }

    @Test("Given pipelined requests with handlers of varying speed, when sent in one write, then they are answered in order")
    func pipelinedInOrder() throws {
        let (server, directory) = try startServer()
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        var text = ""
        for index in 0..<40 { text += "{\"op\":\"explain\",\"id\":\(index),\"sleep_ms\":\((index * 7) % 5)}\n" }
        try client.send(text)
        for index in 0..<40 {
            let response = try client.readJSON()
            #expect(response["id"]?.int64Value == Int64(index))
            #expect(response["ok"] == true)
        }
    }

    @Test("Given garbage lines, when sent, then each gets an error response and the connection stays usable")
    func garbageGetsErrors() throws {
        let (server, directory) = try startServer()
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        let garbage: [(String, String, JSONValue?)] = [
            ("hello there", "invalid JSON", nil),
            ("[1,2,3]", "must be a JSON object", nil),
            ("\"op\"", "must be a JSON object", nil),
            ("{\"id\":3}", "missing \"op\"", 3),
            ("{\"op\":5,\"id\":4}", "\"op\" must be a string", 4),
            ("{\"op\":\"fly\",\"id\":5}", "unknown op \"fly\"", 5),
            ("{\"op\":\"status\"", "invalid JSON", nil),
            ("{\"op\":\"status\"} trailing", "invalid JSON", nil),
            ("\u{01}\u{02}\u{7f}\u{ff}", "invalid JSON", nil),
            (String(repeating: "[", count: 5000), "nested too deeply", nil),
            ("{\"op\":\"ack\",\"id\":6}", "ack needs \"notice\"", 6),
            ("{\"op\":\"subscribe\",\"after\":\"yesterday\",\"id\":7}", "\"after\" must be an integer", 7),
        ]
        for (line, message, id) in garbage {
            let response = try client.request(line)
            #expect(response["ok"] == false, "\(line)")
            let error = try #require(response["error"]?.stringValue)
            #expect(error.contains(message), "\(line) → \(error)")
            #expect(response["id"] == id)
        }
        try client.send("\n   \r\n")  // empty lines are ignored
        let fine = try client.request("{\"op\":\"status\",\"id\":9}")
        #expect(fine["ok"] == true)
        #expect(fine["id"] == 9)
    }

    @Test("Given a maximum of 1 MiB, when a 2 MiB line is sent, then it is refused and the next request is answered")
    func overLongLine() throws {
        let (server, directory) = try startServer(maxLineBytes: 1 << 20)
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        let long = "{\"op\":\"ingest\",\"data\":\"" + String(repeating: "x", count: 2 << 20) + "\"}\n"
        try client.send(long + "{\"op\":\"status\",\"id\":2}\n")
        let refused = try client.readJSON()
        #expect(refused["ok"] == false)
        #expect(refused["error"]?.stringValue?.contains("longer than 1048576 bytes") == true)
        let next = try client.readJSON()
        #expect(next["ok"] == true)
        #expect(next["id"] == 2)
        // A line just under the limit is fine.
        let data = String(repeating: "y", count: (1 << 20) - 100)
        let accepted = try client.request("{\"op\":\"ingest\",\"id\":3,\"data\":\"\(data)\"}")
        #expect(accepted["bytes"]?.int64Value == Int64(data.utf8.count))
    }

    @Test("Given a 50 MiB line sent in pieces, when the server reads it, then it is skipped quickly without being buffered")
    func hugeLineIsNotBuffered() throws {
        let limit = 1 << 20
        let (server, directory) = try startServer(maxLineBytes: limit)
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        let piece = [UInt8](repeating: UInt8(ascii: "z"), count: 64 << 10)
        let started = Date()
        for _ in 0..<(50 * 16) { try client.send(piece) }
        try client.send("\n{\"op\":\"status\",\"id\":\"after\"}\n")
        let refused = try client.readJSON(timeout: 60)
        #expect(refused["ok"] == false)
        let next = try client.readJSON(timeout: 60)
        #expect(next["id"] == "after")
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 30, "took \(elapsed) s")
        // Never more than one line's worth plus one read buffered.
        #expect(server.peakInputBuffer.load(ordering: .relaxed) <= limit + (64 << 10) + 1024)
    }

    @Test("Given a handler that throws, when asked, then the client gets ok false with the message and the id")
    func handlerErrors() throws {
        let (server, directory) = try startServer()
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        let response = try client.request("{\"op\":\"ack\",\"id\":[1,\"x\"]}")
        #expect(response == ["ok": false, "id": [1, "x"], "error": "ack needs \"notice\""])
    }

    @Test("Given a client that shuts down its writing side after an unterminated request, then it still gets the answer and then end of stream")
    func halfClose() throws {
        let (server, directory) = try startServer()
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        try client.send("{\"op\":\"status\",\"id\":1}\n{\"op\":\"status\",\"id\":2}")
        client.shutdownWrite()
        #expect(try client.readJSON()["id"] == 1)
        #expect(try client.readJSON()["id"] == 2)
        #expect(try client.readLine() == nil)
        #expect(waitUntil { server.clientCount == 0 })
    }

    @Test("Given a connected subscriber and a slow request in flight, when the server stops, then both see end of stream and stop returns promptly")
    func stopWithWorkInFlight() throws {
        let (server, directory) = try startServer()
        defer { directory.remove() }
        let subscriber = try TestClient(path: directory.socketPath)
        #expect(try subscriber.request("{\"op\":\"subscribe\"}")["ok"] == true)
        let slow = try TestClient(path: directory.socketPath)
        try slow.send("{\"op\":\"explain\",\"sleep_ms\":300}\n")
        usleep(50_000)
        let started = Date()
        server.stop()
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(try subscriber.readLine() == nil)
        #expect(try slow.readLine() == nil)
        usleep(400_000)  // the handler finishes after the loop is gone: its answer is dropped, nothing breaks
        #expect(server.clientCount == 0)
        #expect(!FileManager.default.fileExists(atPath: directory.socketPath))
    }

    @Test("Given 200 clients at once, when each sends a request, then each gets its own answer")
    func manyClients() throws {
        let (server, directory) = try startServer()
        defer { server.stop(); directory.remove() }
        let clients = try (0..<200).map { _ in try TestClient(path: directory.socketPath) }
        for (index, client) in clients.enumerated() { try client.send("{\"op\":\"explain\",\"id\":\(index),\"sleep_ms\":5}\n") }
        #expect(waitUntil { server.clientCount == 200 })
        for (index, client) in clients.enumerated() {
            let response = try client.readJSON(timeout: 30)
            #expect(response["id"]?.int64Value == Int64(index))
            #expect(response["ok"] == true)
        }
    }

    @Test("Given the real socat, when it sends a request on standard input, then it prints the response")
    func socat() throws {
        let (server, directory) = try startServer()
        defer { server.stop(); directory.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/socat")
        process.arguments = ["-t", "5", "-", "UNIX-CONNECT:" + directory.socketPath]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("{\"op\":\"status\",\"id\":\"socat\"}\n".utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasSuffix("\n"))
        let response = try JSONValue(parsing: text)
        #expect(response["ok"] == true)
        #expect(response["id"] == "socat")
        #expect(response["status"] == "fine")
    }
}

@Suite("Socket server: subscriptions", .serialized)
struct SocketSubscriptionTests {
    @Test("Given a backlog, when a client subscribes after an id, then it gets the backlog in pages and then live notices, each once and in order")
    func backlogThenLive() throws {
        let handler = StubHandler()
        let (server, directory) = try startServer(handler: handler, backlogPageSize: 7)
        defer { server.stop(); directory.remove() }
        handler.store.withLock { store in for id in Int64(1)...100 { store.append((id, StubHandler.line(id))) } }
        let client = try TestClient(path: directory.socketPath)
        let ok = try client.request("{\"op\":\"subscribe\",\"after\":10,\"id\":\"sub\"}")
        #expect(ok == ["ok": true, "id": "sub"])
        #expect(try readNoticeIDs(client, through: 100) == Array(11...100))
        for id in Int64(101)...110 { handler.emit(id, on: server) }
        server.publish(id: 105, line: StubHandler.line(105))  // already sent: skipped
        handler.emit(111, on: server)
        #expect(try readNoticeIDs(client, through: 111) == Array(101...111))
        // The wire form: {"notice_id":<id>,"notice":<the notice>}.
        handler.emit(112, on: server)
        #expect(try client.readLine() == "{\"notice_id\":112,\"notice\":{\"n\":112}}")
        // Requests still work on a subscribed connection.
        let status = try client.request("{\"op\":\"status\",\"id\":1}")
        #expect(status["ok"] == true)
    }

    @Test(
        "Given notices published while the backlog is paged, when a client subscribes and another reconnects midway, then neither misses nor repeats a notice",
        arguments: [4 << 20, 16 << 10])  // the small limit overflows the live buffer during catch-up, so the store is asked again
    func publishRacingBacklog(maxPendingBytes: Int) throws {
        let handler = StubHandler(noticesDelayMicroseconds: 2000)
        let (server, directory) = try startServer(handler: handler, maxPendingBytes: maxPendingBytes, backlogPageSize: 25)
        defer { server.stop(); directory.remove() }
        for id in Int64(1)...400 { handler.emit(id, on: server) }
        let last: Int64 = 3000
        let publisher = Thread {
            for id in Int64(401)...last {
                handler.emit(id, on: server)
                if id % 50 == 0 { usleep(1000) }
            }
        }
        let steady = try TestClient(path: directory.socketPath)
        let leaving = try TestClient(path: directory.socketPath)
        try steady.send("{\"op\":\"subscribe\",\"after\":0}\n")
        try leaving.send("{\"op\":\"subscribe\",\"after\":100}\n")
        publisher.start()
        #expect(try steady.readJSON()["ok"] == true)
        #expect(try leaving.readJSON()["ok"] == true)
        // The leaving client reads up to 1200, then reconnects with the last id it saw.
        let firstPart = try readNoticeIDs(leaving, through: 1200)
        #expect(firstPart == Array(101...1200))
        let again = try TestClient(path: directory.socketPath)
        #expect(try again.request("{\"op\":\"subscribe\",\"after\":1200}")["ok"] == true)
        let all = try readNoticeIDs(steady, through: last, timeout: 60)
        #expect(all.count == Int(last))
        #expect(all == Array(1...last))
        let rest = try readNoticeIDs(again, through: last, timeout: 60)
        #expect(rest == Array(1201...last))
    }

    @Test("Given a subscriber that never reads, when notices pile up past the pending limit, then it is cut off while another subscriber gets everything promptly")
    func stalledSubscriberIsCutOff() throws {
        let handler = StubHandler()
        let (server, directory) = try startServer(handler: handler, maxPendingBytes: 256 << 10)
        defer { server.stop(); directory.remove() }
        let stalled = try TestClient(path: directory.socketPath)
        let reader = try TestClient(path: directory.socketPath)
        #expect(try stalled.request("{\"op\":\"subscribe\",\"after\":0}")["ok"] == true)
        #expect(try reader.request("{\"op\":\"subscribe\",\"after\":0}")["ok"] == true)
        // Batches of 100 notices of about 1 KiB: the reader must have each batch promptly
        // while the stalled subscriber's share piles up past its limit.
        let count: Int64 = 4000
        let received = Mutex<[Int64]>([])
        let readerThread = Thread {
            while true {
                guard let line = try? reader.readLine(timeout: 30), let value = try? JSONValue(parsing: line),
                      let id = value["notice_id"]?.int64Value else { return }
                received.withLock { $0.append(id) }
                if id == count { return }
            }
        }
        readerThread.start()
        var slowest = 0.0
        for batch in Int64(0)..<(count / 100) {
            let started = Date()
            for id in (batch * 100 + 1)...(batch * 100 + 100) { handler.emit(id, on: server, padding: 1000) }
            #expect(waitUntil(timeout: 10) { received.withLock { $0.last } == batch * 100 + 100 }, "batch \(batch)")
            slowest = max(slowest, Date().timeIntervalSince(started))
        }
        #expect(slowest < 5, "slowest batch took \(slowest) s")
        let all = received.withLock { $0 }
        let inOrder = all == Array(1...count)
        #expect(inOrder, "reader got \(all.count) notices, last \(all.last ?? -1)")
        // The stalled one was dropped: what it can still read ends well before the last notice.
        #expect(waitUntil { server.clientCount == 1 })
        let seen = try readNoticeIDs(stalled, through: count, timeout: 10)
        #expect(seen.count < Int(count))
        let prefix = seen == Array(1...Int64(max(1, seen.count))).prefix(seen.count).map { $0 }
        #expect(prefix, "the stalled subscriber's notices are a gapless prefix")
    }

    @Test("Given a store that fails, when a client subscribes, then it gets an error and the connection stays usable")
    func backlogFailure() throws {
        let (server, directory) = try startServer(handler: StubHandler(failNotices: true))
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        let response = try client.request("{\"op\":\"subscribe\",\"after\":0,\"id\":1}")
        #expect(response["ok"] == false)
        #expect(response["error"]?.stringValue?.contains("the store is closed") == true)
        #expect(try client.request("{\"op\":\"status\",\"id\":2}")["ok"] == true)
    }

    @Test("Given a subscription without after, when notices are published, then only live ones arrive; a second subscribe is refused")
    func liveOnly() throws {
        let handler = StubHandler()
        let (server, directory) = try startServer(handler: handler)
        defer { server.stop(); directory.remove() }
        handler.emit(1, on: server)
        let client = try TestClient(path: directory.socketPath)
        #expect(try client.request("{\"op\":\"subscribe\"}")["ok"] == true)
        handler.emit(2, on: server)
        #expect(try readNoticeIDs(client, through: 2) == [2])
        let again = try client.request("{\"op\":\"subscribe\",\"after\":0}")
        #expect(again["error"] == "already subscribed")
        server.publish(id: 3, line: "not json\nat all")
        let raw = try #require(try client.readLine())
        #expect(try JSONValue(parsing: raw) == ["notice_id": 3, "notice": "not json\nat all"])
    }
}

@Suite("Socket server: access and the socket file", .serialized)
struct SocketAccessTests {
    @Test("Given access for nobody and no trusted users, when a client connects, then it gets one error line and is disconnected")
    func refusedAtConnect() throws {
        let (server, directory) = try startServer(access: SocketAccess(trustedUsers: []))
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        let line = try #require(try client.readLine())
        let response = try JSONValue(parsing: line)
        #expect(response["ok"] == false)
        #expect(response["error"]?.stringValue?.contains("permission denied") == true)
        #expect(try client.readLine() == nil)
        #expect(waitUntil { server.clientCount == 0 })
    }

    @Test("Given a read-only peer, when it asks ack or ingest, then it gets an error and stays connected; reading works")
    func readOnlyPeer() throws {
        let (server, directory) = try startServer(access: SocketAccess(readUsers: [UInt32(geteuid())], trustedUsers: []))
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        let ack = try client.request("{\"op\":\"ack\",\"id\":1,\"notice\":4}")
        #expect(ack["ok"] == false)
        #expect(ack["error"]?.stringValue?.contains("ack needs write access") == true)
        #expect(try client.request("{\"op\":\"ingest\",\"id\":2}")["ok"] == false)
        #expect(try client.request("{\"op\":\"status\",\"id\":3}")["ok"] == true)
        #expect(try client.request("{\"op\":\"subscribe\",\"after\":0,\"id\":4}")["ok"] == true)
    }

    @Test("Given a write-only peer by group, when it asks status, then it is refused, while ingest works")
    func writeOnlyPeer() throws {
        let (server, directory) = try startServer(access: SocketAccess(writeGroups: [UInt32(getegid())], trustedUsers: []))
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        #expect(try client.request("{\"op\":\"status\",\"id\":1}")["ok"] == false)
        #expect(try client.request("{\"op\":\"ingest\",\"id\":2,\"data\":\"abc\"}")["bytes"] == 3)
    }

    @Test("Given access lists, then read and write are decided by user, any of the peer's groups, or trust")
    func accessDecisions() {
        let access = SocketAccess(readUsers: [1001], readGroups: [50], writeUsers: [1002], writeGroups: [60], trustedUsers: [0])
        let reader = PeerCredentials(pid: 1, uid: 1001, gid: 1001)
        let groupReader = PeerCredentials(pid: 1, uid: 1003, gid: 1003, groups: [1003, 50])
        let writer = PeerCredentials(pid: 1, uid: 1002, gid: 60)
        let stranger = PeerCredentials(pid: 1, uid: 1004, gid: 1004)
        let root = PeerCredentials(pid: 1, uid: 0, gid: 0)
        #expect(access.allows(.status, peer: reader) && !access.allows(.ack, peer: reader))
        #expect(access.allows(.explain, peer: groupReader) && !access.allows(.ingest, peer: groupReader))
        #expect(access.allows(.ingest, peer: writer) && !access.allows(.subscribe, peer: writer))
        #expect(!access.allowsConnection(stranger))
        #expect(SocketOperation.allCases.allSatisfy { access.allows($0, peer: root) })
        #expect(SocketAccess().trustedUsers == [0, UInt32(geteuid())])
    }

    @Test("Given the server started, then the socket file has no world bits, and stop removes it")
    func socketFileMode() throws {
        let (server, directory) = try startServer(mode: 0o666)
        defer { directory.remove() }
        var info = stat()
        #expect(lstat(directory.socketPath, &info) == 0)
        #expect(UInt32(info.st_mode) & 0o170000 == 0o140000)
        #expect(UInt32(info.st_mode) & 0o777 == 0o660)
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: directory.socketPath))
        #expect(server.clientCount == 0)
        server.publish(id: 1, line: "{}")  // after stop: ignored
        #expect(throws: SocketServerError.alreadyStarted) { try server.start() }

        let (strict, other) = try startServer(mode: 0o600)
        defer { strict.stop(); other.remove() }
        #expect(lstat(other.socketPath, &info) == 0)
        #expect(UInt32(info.st_mode) & 0o777 == 0o600)
    }

    @Test("Given a stale socket file at the path, when the server starts, then it replaces it")
    func staleSocketReplaced() throws {
        let directory = TempDirectory()
        defer { directory.remove() }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let address = try Posix.address(directory.socketPath)
        #expect(Posix.bind(fd, address) == 0)
        close(fd)
        #expect(FileManager.default.fileExists(atPath: directory.socketPath))
        let server = SocketServer(path: directory.socketPath, access: SocketAccess(), handler: StubHandler())
        try server.start()
        defer { server.stop() }
        let client = try TestClient(path: directory.socketPath)
        #expect(try client.request("{\"op\":\"status\"}")["ok"] == true)
    }

    @Test("Given a live server at the path, when a second one starts there, then it is refused and the first keeps working")
    func liveSocketKept() throws {
        let (server, directory) = try startServer()
        defer { server.stop(); directory.remove() }
        let second = SocketServer(path: directory.socketPath, access: SocketAccess(), handler: StubHandler())
        #expect(throws: SocketServerError.inUse(path: directory.socketPath)) { try second.start() }
        let client = try TestClient(path: directory.socketPath)
        #expect(try client.request("{\"op\":\"status\"}")["ok"] == true)
    }

    @Test("Given a regular file at the path, when the server starts, then it refuses with a clear error and leaves the file alone")
    func regularFileRefused() throws {
        let directory = TempDirectory()
        defer { directory.remove() }
        try "precious".write(toFile: directory.socketPath, atomically: false, encoding: .utf8)
        let server = SocketServer(path: directory.socketPath, access: SocketAccess(), handler: StubHandler())
        let error = #expect(throws: SocketServerError.self) { try server.start() }
        #expect(error == .notASocket(path: directory.socketPath))
        #expect(error?.description == "\(directory.socketPath) exists and is not a socket; refusing to remove it")
        #expect(try String(contentsOfFile: directory.socketPath, encoding: .utf8) == "precious")
    }
}
