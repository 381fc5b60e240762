#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing
import WaakvlamSocket
import WaakvlamTesting

/// The daemon's socket as clients use it: subscribe, ingest, ack, bad requests, and who may connect.
@Suite(.serialized) struct SocketProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }
    var socketPath: String { state + "/waakvlam.sock" }

    func serve(now: String = "2026-11-05", config: String = Repository.configFile) throws -> WaakvlamProcess {
        let daemon = try WaakvlamProcess(["serve", "--config", config, "--state-dir", state, "--now", now], in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("socket listening") }, "\(daemon.standardError)")
        return daemon
    }

    func stop(_ daemon: WaakvlamProcess) {
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
    }

    func hennep(_ resident: String, id: Int) -> String {
        #"{"op":"ingest","id":"\#(resident)","data":"source,id,type,occurred_at,resident\ncorporatie,\#(id),waarneming.hennep,2026-11-04,\#(resident)\n"}"#
    }

    @Test func givenASubscriber_whenASignalIsIngestedOverTheSocket_thenItsNoticeArrivesOnce_andResumingAcrossARestartMissesNothing() throws {
        let daemon = try serve()
        let subscriber = try SocketClient(path: socketPath)
        subscriber.send(#"{"op":"subscribe","after":0}"#)
        #expect(subscriber.receive()?["ok"] as? Bool == true)
        let feeder = try SocketClient(path: socketPath)
        feeder.send(hennep("H1", id: 1))
        let answer = try #require(feeder.receive())
        #expect(answer["ok"] as? Bool == true)
        #expect(answer["id"] as? String == "H1")
        #expect(answer["accepted"] as? Int == 1)
        let first = try #require(subscriber.receive())
        let notice = try #require(first["notice"] as? [String: Any])
        #expect(first["notice_id"] as? Int == 1)
        #expect(notice["kind"] as? String == "escalation")
        #expect((notice["subject"] as? [String: String])?["id"] == "H1")
        #expect(subscriber.receive(timeout: 1) == nil, "nothing twice")
        stop(daemon)

        // While nobody listens, H2 turns red through the command line.
        let feed = directory.write("h2.csv", "source,id,type,occurred_at,resident\ncorporatie,2,waarneming.hennep,2026-11-04,H2\n")
        #expect(try WaakvlamProcess.run(["ingest", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-05", feed], in: directory).status == 0)

        let again = try serve()
        let resumed = try SocketClient(path: socketPath)
        resumed.send(#"{"op":"subscribe","after":1}"#)
        #expect(resumed.receive()?["ok"] as? Bool == true)
        let missed = try #require(resumed.receive())
        #expect(missed["notice_id"] as? Int == 2)
        #expect(((missed["notice"] as? [String: Any])?["subject"] as? [String: String])?["id"] == "H2")
        #expect(resumed.receive(timeout: 1) == nil)
        stop(again)
    }

    @Test func givenASubscriberThatStopsReading_whenThousandsOfNoticesFollow_thenItIsCutOff_whileAnotherReceivesEveryOne() throws {
        // A daemon that lets a client fall at most 512 KiB behind.
        let config = directory.write("small-pending.yaml", try Repository.shippedConfiguration()
            .replacingOccurrences(of: "max_pending_bytes: 4194304", with: "max_pending_bytes: 524288"))
        let daemon = try serve(config: config)
        let stalled = try SocketLineClient(path: socketPath)
        try stalled.send(#"{"op":"subscribe"}"#)
        #expect(try stalled.readLine(timeout: 10) != nil)
        // The reader drains on a thread of its own, raw lines only, so that it keeps up even on a busy machine.
        let reader = try SocketLineClient(path: socketPath)
        try reader.send(#"{"op":"subscribe"}"#)
        #expect(try reader.readLine(timeout: 10) != nil)
        let count = 6_000
        let received = Mutex<[String]>([])
        let drained = DispatchSemaphore(value: 0)
        Thread {
            defer { drained.signal() }
            while received.withLock({ $0.count }) < count, let line = try? reader.readLine(timeout: 60) {
                received.withLock { $0.append(String(decoding: line, as: UTF8.self)) }
            }
        }.start()

        // 6,000 households turn red at once: about two megabytes of notices, far more than the
        // stalled client's socket buffer and its 512 KiB allowance together.
        let rows = (1...count).map { "corporatie,\($0),waarneming.hennep,2026-11-04,S\($0)" }
        let data = (["source,id,type,occurred_at,resident"] + rows).joined(separator: "\\n")
        let feeder = try SocketClient(path: socketPath)
        feeder.send(#"{"op":"ingest","data":"\#(data)\n"}"#)
        #expect(feeder.receive(timeout: 120)?["accepted"] as? Int == count)

        #expect(drained.wait(timeout: .now() + 120) == .success)
        let ids = received.withLock { $0 }.map { line -> Int in
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            return object?["notice_id"] as? Int ?? -1
        }
        #expect(ids == Array(1...count), "the reading subscriber gets every notice once, in order")
        #expect(WaakvlamProcess.waitUntil(timeout: 10) { daemon.standardError.contains("cut off: more than 524288 bytes of output pending") },
                "\(daemon.standardError)")
        // The stalled client finds what was buffered for it, then the end of the connection.
        var buffered = 0
        while try stalled.readLine(timeout: 10) != nil { buffered += 1 }
        #expect(buffered < count)
        stop(daemon)
    }

    @Test func givenMalformedRequests_thenEachGetsAnErrorAndTheConnectionStaysUsable() throws {
        let daemon = try serve()
        let client = try SocketClient(path: socketPath)
        for garbage in ["not json", "[1,2]", #"{"op":"dance"}"#, #"{"op":"explain"}"#, #"{"op":"ack","notice":"x"}"#, #"{"op":"ingest"}"#] {
            client.send(garbage)
            let answer = try #require(client.receive(), "no answer to \(garbage)")
            #expect(answer["ok"] as? Bool == false, "\(garbage)")
            #expect((answer["error"] as? String)?.isEmpty == false)
        }
        client.send(#"{"op":"status","id":7}"#)
        let status = try #require(client.receive())
        #expect(status["ok"] as? Bool == true)
        #expect(status["id"] as? Int == 7)
        #expect(status["signals"] as? Int == 0)
        stop(daemon)
    }

    @Test func givenAPeerThatIsNotAllowed_thenItIsRefusedAtConnect() throws {
        let daemon = try serve()
        let mode = (try FileManager.default.attributesOfItem(atPath: socketPath)[.posixPermissions] as? Int) ?? 0o777
        #expect(mode & 0o007 == 0, "the socket file is not world-accessible")
        // Open the file up so that only the credential check stands between nobody and the daemon.
        chmod(socketPath, 0o666)
        chmod(state, 0o755)
        chmod(directory.path, 0o755)
        let client = Process()
        client.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        client.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/socat", "-t", "3", "-", "UNIX-CONNECT:\(socketPath)"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        client.standardInput = input
        client.standardOutput = output
        client.standardError = errors
        try client.run()
        // Nothing is sent: a request written after the refusal may meet a closed socket (EPIPE)
        // before the refusal line is read; see the note on refusals in the socket server.
        try input.fileHandleForWriting.close()
        client.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains(#""ok":false"#), "\(text) \(problems)")
        #expect(!text.contains("signals"))
        stop(daemon)
    }
}
