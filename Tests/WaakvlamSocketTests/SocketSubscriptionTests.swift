#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing
@testable import WaakvlamSocket

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
