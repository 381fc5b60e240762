import Foundation
import Testing
import WaakvlamTesting

/// The `waakvlam` binary as users and scripts call it.
@Suite struct CommandLineTests {
    let directory = TemporaryDirectory()

    func waakvlam(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try WaakvlamProcess.run(["--config", Repository.configFile, "--state-dir", directory.file("state"), "--now", "2026-11-23"].reorderedAfterSubcommand(arguments),
                                in: directory, stdin: stdin)
    }

    @Test func givenGoodAndBadRows_whenIngestedWithJson_thenTheSummaryHasTheContractFieldsAndExitIsOne() throws {
        let feed = directory.write("feed.csv", """
            source,id,type,occurred_at,resident
            crm,1,overlast.geluid,2026-11-01,H1
            crm,2,overlast.geluid,2026-11-40,H1
            """)
        let result = try waakvlam(["ingest", "--json", feed])
        #expect(result.status == 1)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["accepted"] as? Int == 1)
        #expect(summary["duplicates"] as? Int == 0)
        #expect(summary["rejected"] as? Int == 1)
        let errors = try #require(summary["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect(errors[0]["file"] as? String == feed)
        #expect(errors[0]["line"] as? Int == 3)
        #expect((errors[0]["reason"] as? String)?.contains("occurred_at") == true)
    }

    @Test func givenACleanFileFedTwice_thenExitIsZeroAndTheSecondRunReportsDuplicates() throws {
        let feed = directory.write("feed.jsonl", #"{"source":"crm","id":"1","type":"waarneming.post","occurred_at":"2026-11-01","resident":"H1"}"# + "\n")
        let first = try waakvlam(["ingest", feed])
        let second = try waakvlam(["ingest", feed])
        #expect(first.status == 0)
        #expect(first.stdout.contains("accepted 1, duplicates 0"))
        #expect(second.status == 0)
        #expect(second.stdout.contains("accepted 0, duplicates 1"))
    }

    @Test func givenStandardInput_whenIngestingDash_thenItIsReadAndTheFormatSniffed() throws {
        let result = try waakvlam(["ingest", "-"], stdin: #"{"source":"crm","id":"9","type":"zorg.gestopt","occurred_at":"2026-11-01T10:00:00+01:00","resident":"H2"}"# + "\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("accepted 1"))
    }

    @Test func givenAMissingFile_thenIngestNamesItAndExitsOne() throws {
        let result = try waakvlam(["ingest", directory.file("nope.csv")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nope.csv:0: cannot read"))
    }

    @Test func givenABrokenConfiguration_thenCheckPrintsEveryProblemWithItsPositionAndExitsOne() throws {
        let config = directory.write("waakvlam.yaml", """
            paths:
              state: var
              logs: var/log
              socket: var/w.sock
              spool: elsewhere
            time_zone: Europe/Amstel
            rules: \(Repository.root)/config/rules.yaml
            teams:
              - id: noord
                name: Noord
            """)
        let result = try WaakvlamProcess.run(["check", "--config", config], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(config):5:3: unknown key 'spool' in 'paths'"))
        #expect(result.stderr.contains("\(config):6:12: unknown time zone 'Europe/Amstel'"))
    }

    @Test func givenTheShippedConfiguration_thenCheckPasses() throws {
        let result = try WaakvlamProcess.run(["check", "--config", Repository.configFile], in: directory)
        #expect(result.status == 0)
        #expect(result.stdout.contains("ok"))
    }

    @Test(arguments: ["serve", "check", "ingest", "tail", "status", "explain", "ack", "contact", "resolve", "digest", "test-rules", "replay", "purge", "simulate", "demo", "reload"])
    func everySubcommandHasHelp(_ command: String) throws {
        let result = try WaakvlamProcess.run([command, "--help"], in: directory)
        #expect(result.status == 0)
        #expect(result.stdout.contains("--config"))
        #expect(result.stdout.contains("--state-dir"))
        #expect(result.stdout.contains("--now"))
    }

    @Test func givenAStateDirectory_thenStatusJsonReportsTheStoredFigures() throws {
        let feed = directory.write("feed.csv", "source,id,type,occurred_at,resident\ncrm,1,overlast.geluid,2026-11-01,H1\ncrm,2,waarneming.hennep,2026-11-20,H2\n")
        _ = try waakvlam(["ingest", feed])
        let result = try waakvlam(["status", "--json"])
        #expect(result.status == 0)
        let status = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let store = try #require(status["store"] as? [String: Any])
        #expect(store["signals"] as? Int == 2)
        #expect(store["residents"] as? Int == 2)
        #expect(store["resident_levels"] as? [String: Int] == ["green": 1, "amber": 0, "red": 1])
        #expect(status["spool_backlog"] as? Int == 0)
    }

    @Test func givenASourceQuietForLongerThanSilentAfter_thenStatusNamesIt_andShowsPendingNoticesLastPurgeAndTheConfigurationVersion() throws {
        func run(_ arguments: [String], now: String) throws -> (status: Int32, stdout: String, stderr: String) {
            try WaakvlamProcess.run([arguments[0], "--config", Repository.configFile, "--state-dir", directory.file("state"), "--now", now] + arguments.dropFirst(),
                                    in: directory)
        }
        let feed = directory.write("feed.csv", "source,id,type,occurred_at,resident\ncrm,1,waarneming.hennep,2026-11-20,H2\n")
        _ = try run(["ingest", feed], now: "2026-11-23T09:00:00+01:00")
        func status(at now: String) throws -> (json: [String: Any], stderr: String) {
            let result = try run(["status", "--json"], now: now)
            #expect(result.status == 0)
            return (try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]), result.stderr)
        }
        // Given three days of quiet (silent_after: 3d), the source is not silent yet; a second later it is.
        #expect(try status(at: "2026-11-26T09:00:00+01:00").json["silent_sources"] as? [String] == [])
        #expect(try status(at: "2026-11-26T09:00:01+01:00").json["silent_sources"] as? [String] == ["crm"])
        let text = try run(["status"], now: "2026-11-27T09:00:00+01:00")
        #expect(text.stdout.contains("crm: 1 signals") && text.stdout.contains("SILENT"))
        #expect(text.stderr.contains("silent source(s): crm"))

        let before = try status(at: "2026-11-27T09:00:00+01:00").json
        let store = try #require(before["store"] as? [String: Any])
        #expect(store["notices_pending"] as? Int == 0, "the command delivered its notice to the log")
        #expect(store["last_purge_at"] == nil)
        let version = try #require(before["configuration_version"] as? String)
        #expect(version.count == 12 && version.allSatisfy(\.isHexDigit))
        #expect(try run(["purge"], now: "2026-11-27T09:00:00+01:00").status == 0)
        let after = try #require(try status(at: "2026-11-27T10:00:00+01:00").json["store"] as? [String: Any])
        #expect(after["last_purge_at"] as? Int == 1_795_766_400, "2026-11-27 09:00 in Amsterdam")
    }
}

extension Array where Element == String {
    /// Global options go after the subcommand, the way users type them.
    func reorderedAfterSubcommand(_ command: [String]) -> [String] {
        guard let first = command.first else { return self }
        return [first] + self + command.dropFirst()
    }
}
