#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing
@testable import WaakvlamSocket

/// The first page of the backlog, then a store that fails.
final class FailingSecondPageHandler: SocketHandler {
    let first: [(id: Int64, line: String)]
    let calls = Atomic<Int>(0)

    init(notices: ClosedRange<Int64>) { first = notices.map { ($0, StubHandler.line($0)) } }

    func handle(_ request: SocketRequest, peer: PeerCredentials) throws -> [String: JSONValue] { ["status": "fine"] }

    func notices(after id: Int64, limit: Int) throws -> [(id: Int64, line: String)] {
        if calls.add(1, ordering: .relaxed).newValue > 1 { throw SocketRequestError("the store went away") }
        return Array(first.lazy.filter { $0.id > id }.prefix(limit))
    }
}

private func expectPermissionDenied(_ line: String?, _ comment: Comment? = nil) throws {
    let text = try #require(line, comment)
    let response = try JSONValue(parsing: text)
    #expect(response["ok"] == false, comment)
    #expect(response["error"]?.stringValue?.contains("permission denied") == true, comment)
}

@Suite("Socket server: the last line before the server closes", .serialized)
struct SocketLastLineTests {
    @Test("Given a peer refused at connect that sends a request before reading, then it reads the refusal line and end of stream, 50 times out of 50")
    func refusedPeerThatWritesFirst() throws {
        let (server, directory) = try startServer(access: SocketAccess(trustedUsers: []))
        defer { server.stop(); directory.remove() }
        let big = "{\"op\":\"ingest\",\"data\":\"" + String(repeating: "b", count: 300 << 10) + "\"}\n"
        for round in 0..<50 {
            let client = try TestClient(path: directory.socketPath)
            // Odd rounds let the server write its line first: it used to have closed by the time the request went out.
            if round % 2 == 1 { usleep(UInt32(2_000 + round * 200)) }
            // Every fifth request is larger than the socket buffers, so it is only sent as the server reads it.
            try client.send(round % 5 == 4 ? big : "{\"op\":\"status\",\"id\":\(round)}\n")
            try expectPermissionDenied(try client.readLine(), "round \(round)")
            #expect(try client.readLine() == nil, "round \(round)")
        }
        #expect(waitUntil { server.clientCount == 0 })
    }

    @Test("Given refused peers that never close, one flooding and one sending a line every 50 ms, then both are closed within the bound while other clients are answered promptly")
    func lingerIsBounded() throws {
        let (server, directory) = try startServer()
        defer { server.stop(); directory.remove() }
        let earlier = try TestClient(path: directory.socketPath)
        #expect(try earlier.request("{\"op\":\"status\",\"id\":0}")["ok"] == true)
        server.refusesNewConnections.store(true, ordering: .relaxed)
        let flooder = try TestClient(path: directory.socketPath)
        let trickler = try TestClient(path: directory.socketPath)
        #expect(waitUntil { server.clientCount == 3 })
        server.refusesNewConnections.store(false, ordering: .relaxed)
        let later = try TestClient(path: directory.socketPath)
        let started = Date()
        let flooderStopped = Mutex<Double?>(nil)
        let tricklerStopped = Mutex<Double?>(nil)
        let flooding = Thread {
            let chunk = [UInt8](repeating: UInt8(ascii: "f"), count: 64 << 10)
            while (try? flooder.send(chunk)) != nil {}
            flooderStopped.withLock { $0 = Date().timeIntervalSince(started) }
        }
        let trickling = Thread {
            while (try? trickler.send("{\"op\":\"status\"}\n")) != nil { usleep(50_000) }
            tricklerStopped.withLock { $0 = Date().timeIntervalSince(started) }
        }
        flooding.start()
        trickling.start()
        var slowest = 0.0
        for index in 1...40 {
            for client in [earlier, later] {
                let asked = Date()
                let response = try client.request("{\"op\":\"status\",\"id\":\(index)}")
                #expect(response["ok"] == true)
                #expect(response["id"]?.int64Value == Int64(index))
                slowest = max(slowest, Date().timeIntervalSince(asked))
            }
            usleep(25_000)
        }
        #expect(slowest < 1, "slowest answer took \(slowest) s")
        #expect(waitUntil(timeout: 5) { flooderStopped.withLock { $0 } != nil && tricklerStopped.withLock { $0 } != nil })
        let flooded = try #require(flooderStopped.withLock { $0 })
        let trickled = try #require(tricklerStopped.withLock { $0 })
        #expect(flooded < 3, "the flooder could send for \(flooded) s")
        // The trickler stays under the byte bound: the time bound (1 s from connecting) ends it.
        #expect(trickled > 0.5 && trickled < 3, "the trickler could send for \(trickled) s")
        #expect(waitUntil { server.clientCount == 2 })
        try expectPermissionDenied(try flooder.readLine(), "flooder")
        try expectPermissionDenied(try trickler.readLine(), "trickler")
        #expect(try earlier.request("{\"op\":\"status\",\"id\":\"end\"}")["id"] == "end")
        #expect(try later.request("{\"op\":\"status\",\"id\":\"end\"}")["id"] == "end")
    }

    @Test("Given a subscriber with requests queued behind its subscribe, when a later backlog page fails, then it reads the notices, the ending line and end of stream, and can still send meanwhile")
    func subscriptionEndedLine() throws {
        let directory = TempDirectory()
        defer { directory.remove() }
        let server = SocketServer(
            path: directory.socketPath, access: SocketAccess(), handler: FailingSecondPageHandler(notices: 1...20), backlogPageSize: 5)
        try server.start()
        defer { server.stop() }
        let client = try TestClient(path: directory.socketPath)
        var requests = "{\"op\":\"subscribe\",\"after\":0,\"id\":\"sub\"}\n"
        for index in 0..<20 { requests += "{\"op\":\"status\",\"id\":\(index)}\n" }
        try client.send(requests)
        #expect(try client.readJSON() == ["ok": true, "id": "sub"])
        #expect(try readNoticeIDs(client, through: 5) == Array(1...5))
        let ended = try client.readJSON()
        #expect(ended["ok"] == false)
        #expect(ended["id"] == "sub")
        #expect(ended["error"]?.stringValue?.contains("subscription ended: cannot read notices: the store went away") == true)
        try client.send("{\"op\":\"status\",\"id\":\"late\"}\n")  // unanswered, but not refused with a reset
        #expect(try client.readLine() == nil)
        client.shutdownWrite()
        #expect(waitUntil { server.clientCount == 0 })
    }
}
