#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamSocket
import WaakvlamStore
import WaakvlamTesting

/// `ingest`, `status`, `explain`, `ack`, `contact`, `snooze`, `resolve` and `tail` go through the daemon's socket when it runs,
/// and print exactly what they print when they work on the state directory themselves.
@Suite(.serialized) struct DaemonSocketCommandTests {
    let directory = TemporaryDirectory()

    /// Yesterday in Amsterdam: the daemon keeps its own clock, so these tests live in the present.
    static let yesterday: String = {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date().addingTimeInterval(-86_400))
    }()

    func state(_ name: String) -> String { directory.file(name) }

    func waakvlam(_ arguments: [String], state: String, config: String = Repository.configFile, stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try WaakvlamProcess.run(["--config", config, "--state-dir", state].reorderedAfterSubcommand(arguments), in: directory, stdin: stdin)
    }

    func serve(_ state: String, config: String = Repository.configFile) throws -> WaakvlamProcess {
        let daemon = try WaakvlamProcess(["serve", "--config", config, "--state-dir", state], in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("socket listening") }, "\(daemon.standardError)")
        return daemon
    }

    func stop(_ daemon: WaakvlamProcess) {
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
    }

    func channels(_ state: String) throws -> [String?] {
        try AppDatabase.open(path: state + "/waakvlam.sqlite").texts("SELECT channel FROM ingest_run ORDER BY id")
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    /// Two households turn red (a cannabis farm each); one row has an unknown type.
    var feed: String {
        """
        source,id,type,occurred_at,resident
        corporatie,1,waarneming.hennep,\(Self.yesterday),H1
        corporatie,2,waarneming.onbekend,\(Self.yesterday),H2
        corporatie,3,waarneming.hennep,\(Self.yesterday),H3

        """
    }

    @Test func givenARunningDaemon_whenFilesAreIngested_thenTheyGoThroughTheSocket_withTheSameSummaryAsDirectly() throws {
        let withDaemon = state("a"), without = state("b")
        let file = directory.write("feed.csv", feed)
        let daemon = try serve(withDaemon)
        let subscriber = try SocketClient(path: withDaemon + "/waakvlam.sock")
        subscriber.send(#"{"op":"subscribe","after":0}"#)
        #expect(subscriber.receive()?["ok"] as? Bool == true)

        let viaSocket = try waakvlam(["ingest", "--json", file], state: withDaemon)
        let direct = try waakvlam(["ingest", "--json", file], state: without)
        #expect(viaSocket.status == 1 && direct.status == 1, "one row is rejected: \(viaSocket.stderr)")
        var socketSummary = try json(viaSocket.stdout), directSummary = try json(direct.stdout)
        #expect((socketSummary.removeValue(forKey: "rejected_files") as? [String])?.count == 1)
        #expect((directSummary.removeValue(forKey: "rejected_files") as? [String])?.count == 1)
        #expect(NSDictionary(dictionary: socketSummary) == NSDictionary(dictionary: directSummary), "\(viaSocket.stdout)\n\(direct.stdout)")
        #expect(socketSummary["accepted"] as? Int == 2)
        let errors = try #require(socketSummary["errors"] as? [[String: Any]])
        #expect(errors.map { $0["line"] as? Int } == [3])

        // The proof that it went through the daemon: the run's channel, and the notices reach a
        // subscriber without the command delivering them.
        #expect(try channels(withDaemon) == ["socket"])
        #expect(try channels(without) == ["command"])
        let notices = [subscriber.receive(), subscriber.receive()].compactMap { ($0?["notice"] as? [String: Any])?["subject"] as? [String: String] }
        #expect(Set(notices.compactMap { $0["id"] }) == ["H1", "H3"])

        // Standard input, and text output: the same as directly (again: all duplicates).
        let again = try waakvlam(["ingest", "--format", "csv", "-"], state: withDaemon, stdin: feed)
        let againDirect = try waakvlam(["ingest", "--format", "csv", "-"], state: without, stdin: feed)
        #expect(again.stdout.hasPrefix("accepted 0, duplicates 2, repeats 0, rejected 1"), "\(again.stdout)")
        #expect(again.stdout.split(separator: "—").first == againDirect.stdout.split(separator: "—").first)
        #expect(again.stderr == againDirect.stderr)
        #expect(try channels(withDaemon) == ["socket", "socket"])
        stop(daemon)
    }

    /// Lines before the header that only look blank to one reader: the socket path finds the
    /// header where the direct path does, so both number and count the same.
    @Test(arguments: [
        "\n\u{FEFF}\n",   // a BOM alone on the second line: blank to the reader
        "\r\r\n",         // a stray carriage return: a line the reader takes for a header
        " \t\n\r\n",      // spaces and an empty CRLF line
        "\n\u{FEFF}\nsource,id,bogus\n", // a BOM line, then a header the reader refuses, whose problem is told once
    ])
    func givenOddLinesBeforeTheHeader_whenIngestedThroughTheDaemon_thenTheSummaryIsTheSameAsDirectly(before: String) throws {
        let file = directory.write("odd.csv", before + feed)
        let withDaemon = state("a"), without = state("b")
        let daemon = try serve(withDaemon)
        let viaSocket = try waakvlam(["ingest", "--json", file], state: withDaemon)
        let direct = try waakvlam(["ingest", "--json", file], state: without)
        var socketSummary = try json(viaSocket.stdout), directSummary = try json(direct.stdout)
        socketSummary.removeValue(forKey: "rejected_files")
        directSummary.removeValue(forKey: "rejected_files")
        #expect(viaSocket.status == direct.status)
        #expect(NSDictionary(dictionary: socketSummary) == NSDictionary(dictionary: directSummary), "\(viaSocket.stdout)\n\(direct.stdout)")
        stop(daemon)
    }

    @Test func givenAFileLargerThanOneRequest_whenIngestedThroughTheDaemon_thenItIsSentInChunksBetweenRecords_withTheFilesOwnLineNumbers() throws {
        // A daemon that takes request lines of at most 4 KiB.
        let config = directory.write("small-lines.yaml", try Repository.shippedConfiguration()
            .replacingOccurrences(of: "max_line_bytes: 1048576", with: "max_line_bytes: 4096"))
        var rows = ["source,id,type,occurred_at,resident,note"]
        for index in 1...300 {
            switch index {
            case 150: rows.append("corporatie,\(index),waarneming.post,\(Self.yesterday),R\(index),\"een notitie\nover twee regels\"")
            case 151: rows.append("corporatie,\(index),waarneming.post,niet-een-datum,R\(index),")
            case 299: rows.append("corporatie,\(index),waarneming.post,\(Self.yesterday),R\(index),\"kapot")
            default: rows.append("corporatie,\(index),waarneming.post,\(Self.yesterday),R\(index),")
            }
        }
        let file = directory.write("big.csv", rows.joined(separator: "\n") + "\n")
        let withDaemon = state("a"), without = state("b")
        let daemon = try serve(withDaemon, config: config)
        let viaSocket = try waakvlam(["ingest", "--json", file], state: withDaemon, config: config)
        let direct = try waakvlam(["ingest", "--json", file], state: without, config: config)
        var socketSummary = try json(viaSocket.stdout), directSummary = try json(direct.stdout)
        socketSummary.removeValue(forKey: "rejected_files")
        directSummary.removeValue(forKey: "rejected_files")
        #expect(NSDictionary(dictionary: socketSummary) == NSDictionary(dictionary: directSummary), "\(viaSocket.stdout)\n\(direct.stdout)")
        #expect(socketSummary["accepted"] as? Int == 298)
        // Line 151 holds the second line of record 150; record 151 starts on line 153, record 299 on 301.
        #expect((socketSummary["errors"] as? [[String: Any]])?.map { $0["line"] as? Int } == [153, 301])
        let runs = try channels(withDaemon)
        #expect(runs.count > 2 && runs.allSatisfy { $0 == "socket" }, "\(runs)")
        stop(daemon)
    }

    @Test func givenAConflictDeepInAFileSentInPieces_whenIngestedThroughTheDaemon_thenItNamesTheEarlierLineOfTheFileAsADirectIngestDoes() throws {
        let config = directory.write("small-lines.yaml", try Repository.shippedConfiguration()
            .replacingOccurrences(of: "max_line_bytes: 1048576", with: "max_line_bytes: 4096"))
        var rows = ["source,id,type,occurred_at,resident,note"]
        for index in 1...300 { rows.append("corporatie,\(index),waarneming.post,\(Self.yesterday),R\(index),") }
        rows.insert("corporatie,200,overlast.geluid,\(Self.yesterday),R200,", at: 201)
        let file = directory.write("conflict.csv", rows.joined(separator: "\n") + "\n")
        let withDaemon = state("a"), without = state("b")
        let daemon = try serve(withDaemon, config: config)
        let viaSocket = try json(try waakvlam(["ingest", "--json", file], state: withDaemon, config: config).stdout)
        let direct = try json(try waakvlam(["ingest", "--json", file], state: without, config: config).stdout)
        for summary in [viaSocket, direct] {
            #expect(summary["accepted"] as? Int == 300)
            #expect((summary["errors"] as? [[String: Any]])?.map { "\($0["line"] ?? ""): \($0["reason"] ?? "")" } == ["202: conflicts with line 201: same source and id, other type"])
        }
        #expect(try channels(withDaemon).count > 2)
        stop(daemon)
    }

    @Test func givenARunningDaemon_thenStatusTailExplainAndAckPrintWhatTheyPrintDirectly() throws {
        let withDaemon = state("a"), without = state("b")
        let file = directory.write("feed.csv", feed)
        let daemon = try serve(withDaemon)
        #expect(try waakvlam(["ingest", file], state: withDaemon).status == 1)
        #expect(try waakvlam(["ingest", file], state: without).status == 1)
        #expect(WaakvlamProcess.waitUntil(timeout: 20) { (try? waakvlam(["tail", "--no-follow"], state: withDaemon).stdout.split(separator: "\n").count) == 2 })

        // tail: through the daemon and from the store, line for line.
        for format in [["--json"], []] {
            let viaSocket = try waakvlam(["tail", "--no-follow"] + format, state: withDaemon)
            let direct = try waakvlam(["tail", "--no-follow", "--direct"] + format, state: withDaemon)
            #expect(viaSocket.status == 0 && viaSocket.stdout.split(separator: "\n").count == 2, "\(viaSocket)")
            #expect(viaSocket.stdout == direct.stdout)
            let resumed = try waakvlam(["tail", "--no-follow", "--after", "1"] + format, state: withDaemon)
            #expect(resumed.stdout == String(direct.stdout.split(separator: "\n")[1]) + "\n")
        }

        // status: the same figures, read as a pair until the daemon is quiet between the two
        // calls (its start-up purge, or the notice log marking notices delivered, can fall
        // between them under load); a field that differs for good never agrees.
        var statusSocket: [String: Any] = [:], statusDirect: [String: Any] = [:]
        let agreed = WaakvlamProcess.waitUntil(timeout: 30) {
            statusSocket = (try? json(waakvlam(["status", "--json"], state: withDaemon).stdout)) ?? [:]
            statusDirect = (try? json(waakvlam(["status", "--json", "--direct"], state: withDaemon).stdout)) ?? [:]
            return !statusSocket.isEmpty && NSDictionary(dictionary: statusSocket) == NSDictionary(dictionary: statusDirect)
        }
        #expect(agreed, "through the daemon: \(statusSocket)\ndirectly: \(statusDirect)")
        #expect((statusSocket["store"] as? [String: Any])?["signals"] as? Int == 2)
        #expect(statusSocket["state_directory"] as? String == withDaemon)

        // explain: the same explanation as in a state directory with the same feed and no daemon
        // (the moment explained differs by the time between the calls). Beside the daemon, a
        // direct explain is refused: it would store level changes and an audit row.
        let explainSocket = try waakvlam(["explain", "--resident", "H1", "--json"], state: withDaemon)
        let explainDirect = try waakvlam(["explain", "--resident", "H1", "--json"], state: without)
        let besideDaemon = try waakvlam(["explain", "--resident", "H1", "--json", "--direct"], state: withDaemon)
        #expect(besideDaemon.status == 1 && besideDaemon.stderr.contains("--direct works only while no daemon runs"), "\(besideDaemon.stderr)")
        var fromDaemon = try json(explainSocket.stdout), fromStore = try json(explainDirect.stdout)
        #expect(fromDaemon.removeValue(forKey: "at") != nil && fromStore.removeValue(forKey: "at") != nil)
        let scores = [fromDaemon.removeValue(forKey: "score") as? Double, fromStore.removeValue(forKey: "score") as? Double].compactMap { $0 }
        #expect(scores.count == 2 && abs(scores[0] - scores[1]) < 0.001)
        fromDaemon.removeValue(forKey: "contributions")
        fromStore.removeValue(forKey: "contributions")
        #expect(NSDictionary(dictionary: fromDaemon) == NSDictionary(dictionary: fromStore), "\(explainSocket.stdout)\n\(explainDirect.stdout)")
        #expect(fromDaemon["level"] as? String == "red")
        let audit = try AppDatabase.open(path: withDaemon + "/waakvlam.sqlite").texts("SELECT who FROM audit WHERE action = 'explain' ORDER BY id")
        #expect(audit.first == "uid \(getuid())", "the daemon records who asked by uid: \(audit)")
        let unknownSocket = try waakvlam(["explain", "--resident", "H9"], state: withDaemon)
        let unknownDirect = try waakvlam(["explain", "--resident", "H9"], state: without)
        #expect(unknownSocket.status == 2 && unknownSocket.stderr == unknownDirect.stderr.replacingOccurrences(of: without, with: withDaemon), "\(unknownSocket.stderr)")

        // ack: the same answer through the daemon as in a state directory without one.
        let ackSocket = try waakvlam(["ack", "1", "--by", "anna"], state: withDaemon)
        let ackDirect = try waakvlam(["ack", "1", "--by", "anna"], state: without)
        #expect(ackSocket.status == 0 && ackSocket.stdout == "acknowledged #1\n", "\(ackSocket)")
        #expect(ackSocket.stdout == ackDirect.stdout)
        let missingSocket = try waakvlam(["ack", "99", "--by", "anna"], state: withDaemon)
        let missingDirect = try waakvlam(["ack", "99", "--by", "anna"], state: without)
        #expect(missingSocket.status == 2 && missingSocket.stderr == missingDirect.stderr, "\(missingSocket.stderr)")

        // contact, snooze and resolve: through the daemon, audited by uid, the same answers as without one.
        for arguments in [["contact", "--resident", "H1", "--method", "visit", "--reached", "no"], ["snooze", "2", "--until", Self.inThreeDays, "--reason", "op vakantie"],
                          ["resolve", "2"], ["snooze", "99", "--until", Self.inThreeDays, "--reason", "x"], ["contact", "--resident", "H9", "--method", "phone", "--reached", "yes"]] {
            let viaSocket = try waakvlam(arguments, state: withDaemon)
            let direct = try waakvlam(arguments, state: without)
            #expect(viaSocket.status == direct.status && viaSocket.stdout == direct.stdout && viaSocket.stderr == direct.stderr, "\(arguments): \(viaSocket)\n\(direct)")
        }
        let followUps = try AppDatabase.open(path: withDaemon + "/waakvlam.sqlite")
            .texts("SELECT action || ' ' || who FROM audit WHERE action IN ('contact', 'snooze', 'resolve') ORDER BY id")
        #expect(followUps == ["contact", "snooze", "resolve"].map { "\($0) uid \(getuid())" })
        stop(daemon)
    }

    /// Three days from now in Amsterdam, within any snooze the shipped configuration allows.
    static let inThreeDays: String = {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date().addingTimeInterval(3 * 86_400))
    }()

    /// A stand-in for a daemon that will not serve us: a socket server that trusts nobody.
    struct NobodyHandler: SocketHandler {
        func handle(_ request: SocketRequest, peer: PeerCredentials) throws -> [String: JSONValue] { [:] }
        func notices(after id: Int64, limit: Int) throws -> [(id: Int64, line: String)] { [] }
    }

    @Test func givenADaemonThatRefusesUs_thenReadingCommandsSaySoAndGoDirect_andWritingOnesStop() throws {
        let refusing = state("a")
        try FileManager.default.createDirectory(atPath: refusing, withIntermediateDirectories: true)
        let server = SocketServer(path: refusing + "/waakvlam.sock", access: SocketAccess(trustedUsers: []), handler: NobodyHandler())
        try server.start()
        defer { server.stop() }
        let file = directory.write("feed.csv", feed)

        let status = try waakvlam(["status", "--json"], state: refusing)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stderr.contains("permission denied"), "\(status.stderr)")
        #expect(status.stderr.contains("reading the state directory directly"), "\(status.stderr)")
        #expect((try json(status.stdout)["store"] as? [String: Any])?["signals"] as? Int == 0)

        for arguments in [["ingest", file], ["ack", "1", "--by", "anna"], ["explain", "--resident", "H1"], ["resolve", "1"]] {
            let refused = try waakvlam(arguments, state: refusing)
            #expect(refused.status == 1, "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.contains("permission denied") && refused.stderr.contains("--direct"), "\(refused.stderr)")
        }
        #expect(try channels(refusing).isEmpty, "nothing ingested beside the daemon")

        // --direct: the operator knows no daemon works on this state directory.
        #expect(try waakvlam(["ingest", "--direct", file], state: refusing).status == 1)
        #expect(try channels(refusing) == ["command"])
    }
}
