#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamSocket
import WaakvlamTesting

/// The daemon's socket under hostile use: idle clients past the limit, a lowered open-file limit,
/// its socket file removed, bytes that are not UTF-8.
@Suite(.serialized) struct SocketBoundsProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }
    var socketPath: String { state + "/waakvlam.sock" }

    func serve(_ replacements: [(String, String)] = []) throws -> WaakvlamProcess {
        var text = try Repository.shippedConfiguration()
        for (old, new) in replacements {
            #expect(text.contains(old), "the shipped configuration has \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let config = directory.write("waakvlam-\(UUID().uuidString.prefix(6)).yaml", text)
        let daemon = try WaakvlamProcess(["serve", "--config", config, "--state-dir", state, "--now", "2026-11-05"], in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("socket listening") }, "\(daemon.standardError)")
        return daemon
    }

    func stop(_ daemon: WaakvlamProcess) {
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
    }

    func signals(_ client: SocketLineClient) throws -> Int? {
        try client.send(#"{"op":"status"}"#)
        guard let line = try client.readLine(timeout: 10) else { return nil }
        return try JSONValue(parsing: line)["signals"]?.int64Value.map(Int.init)
    }

    /// Asks `status` every 200 ms (so the asking client is never idle) until the store holds `count` signals.
    func waitForSignals(_ count: Int, on client: SocketLineClient, timeout: Double = 30) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try signals(client) == count { return true }
            usleep(200_000)
        }
        return false
    }

    func dropHennep(_ resident: String, id: Int) {
        SpoolDrop.settled("\(resident).csv", "source,id,type,occurred_at,resident\ncorporatie,\(id),waarneming.hennep,2026-11-04,\(resident)\n",
                          state: state, in: directory)
    }

    /// Connects `count` clients and returns those admitted and how many read the "too many clients" line.
    func connect(_ count: Int) throws -> (admitted: [SocketLineClient], refused: Int, other: [String]) {
        var admitted: [SocketLineClient] = [], refused = 0, other: [String] = []
        for _ in 0..<count {
            let client = try SocketLineClient(path: socketPath)
            try client.send(#"{"op":"status","id":"probe"}"#)
            guard let line = try client.readLine(timeout: 10) else { other.append("end of stream"); continue }
            let answer = try JSONValue(parsing: line)
            if answer["ok"] == true {
                admitted.append(client)
            } else if answer["error"]?.stringValue?.hasPrefix("too many clients") == true {
                refused += 1
            } else {
                other.append(String(decoding: line, as: UTF8.self))
            }
        }
        return (admitted, refused, other)
    }

    @Test func givenMaxClients50AndAnIdleTimeoutOf5s_whenIdleClientsConnectPastTheLimit_thenTheExtraOnesAreRefused_statusIsAnswered_theSpoolIngests_andTheIdleOnesAreClosed() throws {
        let daemon = try serve([("max_clients: 256", "max_clients: 50"), ("idle_timeout: 60s", "idle_timeout: 5s")])
        let asking = try SocketLineClient(path: socketPath)
        #expect(try signals(asking) == 0)
        let (idle, refused, other) = try connect(80)
        #expect(idle.count == 49 && refused == 31 && other.isEmpty, "\(idle.count) admitted, \(refused) refused, \(other)")

        dropHennep("H1", id: 1)
        #expect(try waitForSignals(1, on: asking), "the spool ingests at the limit: \(daemon.standardError)")
        #expect(daemon.standardError.components(separatedBy: "refusing new connections").count - 1 == 1, "once: \(daemon.standardError)")

        for client in idle {
            let line = try #require(try client.readLine(timeout: 20), "an idle client hears why it is closed")
            #expect(try JSONValue(parsing: line)["error"] == "closed: idle for 5 s (socket.idle_timeout)")
            #expect(try client.readLine(timeout: 10) == nil)
        }
        #expect(WaakvlamProcess.waitUntil(timeout: 10) { daemon.standardError.contains("accepting new connections again") }, "\(daemon.standardError)")
        #expect(try connect(1).admitted.count == 1, "a new client gets through")
        #expect(try signals(asking) == 1, "the client that kept asking was never idle")
        stop(daemon)
    }

    @Test func givenTheOpenFileLimitLoweredTo300WhileTheDaemonRuns_whenClientsConnect_thenFewerThanMaxClientsAreAdmitted_andTheSpoolAndStatusGoOn() throws {
        let daemon = try serve([("max_clients: 256", "max_clients: 1000")])
        let asking = try SocketLineClient(path: socketPath)
        #expect(try signals(asking) == 0)
        try setOpenFileLimit(300, of: daemon)

        let (admitted, refused, other) = try connect(250)
        // 300 − 144 kept for the store, the spool and refusals; the asking client is one of them.
        #expect(admitted.count == 155 && refused == 95 && other.isEmpty, "\(admitted.count) admitted, \(refused) refused, \(other)")
        #expect(daemon.standardError.contains("the open-file limit (300) leaves room for 156 clients"), "\(daemon.standardError)")
        dropHennep("H2", id: 2)
        #expect(try waitForSignals(1, on: asking), "the spool still has descriptors: \(daemon.standardError)")
        #expect(!daemon.standardError.contains("Too many open files"), "\(daemon.standardError)")
        stop(daemon)
    }

    /// Sets the daemon's soft open-file limit (the hard one stays, so it can be raised again without privileges).
    func setOpenFileLimit(_ limit: Int, of daemon: WaakvlamProcess) throws {
        let prlimit = try Process.run(URL(fileURLWithPath: "/usr/bin/prlimit"), arguments: ["--pid", "\(daemon.pid)", "--nofile=\(limit):"])
        prlimit.waitUntilExit()
        #expect(prlimit.terminationStatus == 0)
    }

    @Test func givenTheOpenFileLimitLoweredBelowWhatTheDaemonHolds_whenClientsConnect_thenEachIsToldAndClosed_theJournalSaysSoOnce_andOnceRaisedAClientGetsThrough() throws {
        let daemon = try serve()
        let asking = try SocketLineClient(path: socketPath)
        #expect(try signals(asking) == 0)
        let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(daemon.pid)/fd").count
        // Room for two more descriptors: accept() soon fails with EMFILE, and only the spare one lets the server answer at all.
        try setOpenFileLimit(open + 2, of: daemon)
        // Held open, so that the refused ones linger on the daemon's side and use up its descriptors.
        var clients: [SocketLineClient] = [], lines: [String] = []
        for _ in 0..<30 {
            let client = try SocketLineClient(path: socketPath)
            lines.append((try client.readLine(timeout: 10)).map { String(decoding: $0, as: UTF8.self) } ?? "end of stream")
            clients.append(client)
        }
        let shed = lines.filter { $0.contains("out of file descriptors") }.count
        #expect(shed > 0 && lines.allSatisfy { $0.contains("too many clients") }, "\(lines)")
        let episodes = daemon.standardError.components(separatedBy: "Too many open files with").count - 1
        #expect(episodes >= 1 && episodes < shed, "once per episode, not per connection: \(episodes) for \(shed)\n\(daemon.standardError)")
        clients.removeAll()

        var own = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &own)
        try setOpenFileLimit(Int(own.rlim_cur), of: daemon)
        #expect(try connect(1).admitted.count == 1, "a new client gets through: \(daemon.standardError)")
        #expect(daemon.standardError.contains("refused for want of file descriptors meanwhile"), "\(daemon.standardError)")
        #expect(try signals(asking) == 0)
        stop(daemon)
    }

    @Test func givenARunningDaemon_whenItsSocketFileIsRemoved_thenItListensAgain_andAnIngestGoesThroughTheDaemon() throws {
        let daemon = try serve()
        #expect(unlink(socketPath) == 0)
        #expect(WaakvlamProcess.waitUntil(timeout: 15) { daemon.standardError.contains("socket file \(socketPath) was removed; listening again") },
                "\(daemon.standardError)")
        var info = stat()
        #expect(lstat(socketPath, &info) == 0 && info.st_mode & 0o777 == 0o660)
        let feed = directory.write("h3.csv", "source,id,type,occurred_at,resident\ncorporatie,3,waarneming.hennep,2026-11-04,H3\n")
        let ingest = try WaakvlamProcess.run(["ingest", "--config", Repository.configFile, "--state-dir", state, feed], in: directory)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(try SQLiteShell.lines(state + "/waakvlam.sqlite", "SELECT channel FROM ingest_run ORDER BY id") == ["socket"],
                "through the daemon, not beside it")
        #expect(daemon.standardError.components(separatedBy: "was removed; listening again").count - 1 == 1)
        stop(daemon)
    }

    @Test func givenAnIngestWhoseDataIsNotUTF8_whenSentToTheDaemon_thenItIsRefusedNamingTheByte_andNothingIsStored() throws {
        let daemon = try serve()
        let request = Array(#"{"op":"ingest","data":"source,id,type,occurred_at,resident\ncorporatie,4,waarneming.hennep,2026-11-04,H"#.utf8)
            + [0xFF] + Array(#"U8\n"}"#.utf8) + [0x0A]
        let client = Process()
        client.executableURL = URL(fileURLWithPath: "/usr/bin/socat")
        client.arguments = ["-t", "5", "-", "UNIX-CONNECT:\(socketPath)"]
        let input = Pipe(), output = Pipe()
        client.standardInput = input
        client.standardOutput = output
        try client.run()
        input.fileHandleForWriting.write(Data(request))
        try input.fileHandleForWriting.close()
        client.waitUntilExit()
        let answer = try JSONValue(parsing: Array(output.fileHandleForReading.readDataToEndOfFile()))
        #expect(answer == ["ok": false, "error": .string("invalid JSON: not valid UTF-8 at byte \(request.firstIndex(of: 0xFF)!)")])
        let asking = try SocketLineClient(path: socketPath)
        #expect(try signals(asking) == 0, "nothing of it is stored")
        stop(daemon)
    }
}
