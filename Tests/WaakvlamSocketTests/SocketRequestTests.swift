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

    @Test("Given ingest requests whose data holds bytes that are not UTF-8, when sent, then each is refused naming the byte and never reaches the handler")
    func invalidUTF8IsRefused() throws {
        let handler = StubHandler()
        let (server, directory) = try startServer(handler: handler)
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        for bad: UInt8 in [0xFF, 0xFE, 0xC3] {
            try client.send(Array(#"{"op":"ingest","id":1,"data":"H"#.utf8) + [bad] + Array("U8\"}\n".utf8))
            let response = try client.readJSON()
            #expect(response["ok"] == false)
            #expect(response["error"] == "invalid JSON: not valid UTF-8 at byte 31")
        }
        #expect(handler.handled.load(ordering: .relaxed) == 0, "nothing was handed on to be stored")
        #expect(try client.request(#"{"op":"ingest","id":2,"data":"H€U8"}"#)["bytes"] == 6)
    }

    @Test("Given a handler that throws, when asked, then the client gets ok false with the message and the id")
    func handlerErrors() throws {
        let (server, directory) = try startServer()
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        let response = try client.request("{\"op\":\"ack\",\"id\":[1,\"x\"]}")
        #expect(response == ["ok": false, "id": [1, "x"], "error": "ack needs \"notice\""])
    }

    @Test("Given a handler that throws an error with fields, when asked, then the client gets them beside the message, which they cannot override")
    func handlerErrorFields() throws {
        let (server, directory) = try startServer()
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        let response = try client.request("{\"op\":\"reload\",\"id\":2}")
        #expect(response == ["ok": false, "id": 2, "error": "refused", "problems": ["rules.yaml:3:7: not a number"]])
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
