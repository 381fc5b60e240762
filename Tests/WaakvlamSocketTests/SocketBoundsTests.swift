#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import WaakvlamSocket

@Suite("Socket server: bounds on clients", .serialized)
struct SocketBoundsTests {
    @Test("Given a limit of 3 clients, when 8 connect, then 3 are answered, the other 5 each read one 'too many clients' line and end of stream, the log says so once, and once clients leave a new one is answered")
    func clientLimit() throws {
        let log = CapturedLog()
        let (server, directory) = try startServer(maxClients: 3, log: log)
        defer { server.stop(); directory.remove() }
        var admitted: [TestClient?] = try (0..<3).map { index in
            let client = try TestClient(path: directory.socketPath)
            #expect(try client.request(#"{"op":"status","id":\#(index)}"#)["ok"] == true)
            return client
        }
        for round in 0..<5 {
            let refused = try TestClient(path: directory.socketPath)
            let line = try #require(try refused.readLine(), "round \(round)")
            #expect(try JSONValue(parsing: line) == ["ok": false, "error": "too many clients (3 connected, at most 3); try again later"])
            #expect(try refused.readLine() == nil, "then end of stream, round \(round)")
        }
        #expect(try admitted[2]!.request(#"{"op":"status","id":9}"#)["ok"] == true, "the admitted ones are still answered")
        #expect(log.lines(containing: "too many clients").count == 1, "once per episode: \(log.all)")
        #expect(log.lines(containing: "refusing new connections").count == 1)

        admitted[0] = nil
        #expect(waitUntil { log.lines(containing: "accepting new connections again (2 connected); 5 refused meanwhile").count == 1 }, "\(log.all)")
        let later = try TestClient(path: directory.socketPath)
        #expect(try later.request(#"{"op":"status","id":10}"#)["ok"] == true)
        _ = admitted
    }

    @Test("Given an idle timeout of 0.3 s, then silent clients and one that stopped mid-line are closed with a line saying why, while a subscriber and a client waiting 1 s for its answer stay")
    func idleTimeout() throws {
        let log = CapturedLog()
        let handler = StubHandler()
        let (server, directory) = try startServer(handler: handler, idleTimeout: 0.3, log: log)
        defer { server.stop(); directory.remove() }
        let silent = try TestClient(path: directory.socketPath)
        let halfLine = try TestClient(path: directory.socketPath)
        try halfLine.send(#"{"op":"sta"#)
        let subscriber = try TestClient(path: directory.socketPath)
        #expect(try subscriber.request(#"{"op":"subscribe"}"#)["ok"] == true)
        let waiting = try TestClient(path: directory.socketPath)
        try waiting.send(#"{"op":"status","sleep_ms":1000}"# + "\n")

        for client in [silent, halfLine] {
            let line = try #require(try client.readLine(timeout: 5))
            #expect(try JSONValue(parsing: line) == ["ok": false, "error": "closed: idle for 300 ms (socket.idle_timeout)"])
            #expect(try client.readLine(timeout: 5) == nil)
        }
        #expect(try waiting.readJSON(timeout: 5)["status"] == "fine", "a request in progress is not idleness")
        usleep(500_000)
        handler.emit(1, on: server)
        #expect(try readNoticeIDs(subscriber, through: 1) == [1], "a subscriber waiting for notices is not idle")
        let closedCounts = log.lines(containing: "idle connection").compactMap { line in
            line.split(separator: " ").dropFirst(2).first.flatMap { Int($0) }
        }
        #expect(closedCounts.reduce(0, +) >= 2, "\(log.all)")
        #expect(closedCounts.count <= 3, "a line per sweep, not per connection: \(log.all)")
    }

    @Test("Given an open-file limit, when the client limit is worked out, then it leaves the reserve for the rest of the daemon and never falls below one")
    func clientLimitUnderTheOpenFileLimit() {
        let server = SocketServer(path: "/nonexistent/s.sock", access: SocketAccess(), handler: StubHandler(), maxClients: 1_000)
        #expect(server.clientLimit(openFileLimit: nil) == 1_000)
        #expect(server.clientLimit(openFileLimit: 1_000_000) == 1_000)
        #expect(server.clientLimit(openFileLimit: 300) == 300 - server.descriptorReserve - server.maxOpenRefusals)
        #expect(server.clientLimit(openFileLimit: 100) == 1)
    }
}
