import Foundation
import Testing
import WaakvlamStore
import WaakvlamTesting

/// `explain` and `test-rules` as outreach workers and policy makers call them.
@Suite struct StoplightCommandTests {
    let directory = TemporaryDirectory()

    func waakvlam(_ arguments: [String], now: String = "2026-11-20") throws -> (status: Int32, stdout: String, stderr: String) {
        try WaakvlamProcess.run(["--config", Repository.configFile, "--state-dir", directory.file("state"), "--now", now].reorderedAfterSubcommand(arguments),
                                in: directory)
    }

    func feed() throws {
        let registry = directory.write("registry.csv", """
            resident,building,minors,origin,moved_in
            H1,B1,2,regulier,2019-01-01
            H2,B1,0,regulier,2019-01-01
            """)
        let signals = directory.write("signals.csv", """
            source,id,type,occurred_at,resident,days_overdue,amount
            crm,1,achterstand.huur,2026-11-01,H1,45,700.00
            crm,2,waarneming.post,2026-11-10,H2,,
            """)
        #expect(try waakvlam(["ingest", registry, signals]).status == 0)
    }

    @Test func givenArrearsOfSixtyDaysWithChildren_whenExplainedAsJson_thenLevelIsRedWithTheRuleAndTheContribution() throws {
        try feed()
        let result = try waakvlam(["explain", "--resident", "H1", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "red")
        #expect((object["score"] as? Double).map { $0 > 1.5 && $0 < 2 } == true)
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.map { $0["name"] as? String } == ["huurachterstand_met_kinderen"])
        let contributions = try #require(object["contributions"] as? [[String: Any]])
        #expect(contributions.map { $0["signal"] as? String } == ["crm:1"])
    }

    @Test func givenTheSameStore_whenExplainedLater_thenTheScoreHasFaded() throws {
        try feed()
        let now = try waakvlam(["explain", "--resident", "H2", "--json"])
        let later = try waakvlam(["explain", "--resident", "H2", "--json"], now: "2026-12-01")
        let score = { (output: String) in (try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])?["score"] as? Double }
        let before = try #require(score(now.stdout)), after = try #require(score(later.stdout))
        // waarneming.post: weight 0.5, half-life 21d; 10 → 21 days old.
        #expect(abs(before - 0.5 * pow(0.5, 10.0 / 21)) < 0.01)
        #expect(abs(after - 0.5 * pow(0.5, 21.0 / 21)) < 0.01)
    }

    @Test func givenABuildingWithTwoHouseholds_whenExplained_thenItIsUnknownRatherThanAColour() throws {
        try feed()
        let result = try waakvlam(["explain", "--building", "B1", "--json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "unknown")
        #expect(object["households"] as? Int == 2)
    }

    @Test func givenAnUnknownResident_whenExplained_thenExitIsTwoWithAClearMessage() throws {
        try feed()
        let result = try waakvlam(["explain", "--resident", "NOPE"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no resident 'NOPE'"))
    }

    @Test func givenTheShippedRuleTests_whenRun_thenAllPass() throws {
        let tests = try FileManager.default.contentsOfDirectory(atPath: Repository.root + "/config/tests").filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(!tests.isEmpty)
        let result = try waakvlam(["test-rules"] + tests.map { Repository.root + "/config/tests/" + $0 })
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("all passed"))
    }

    @Test func givenAWrongExpectation_whenTested_thenTheFailureNamesFileAndLineAndExitIsOne() throws {
        let file = directory.write("wrong.yaml", """
            name: a noise complaint does not make anyone red
            timeline:
              - at: 2026-01-05
                signal: {type: overlast.geluid, resident: h1, reporter: n1}
              - at: 2026-01-05
                expect: {h1: red}
            """)
        let result = try waakvlam(["test-rules", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file):6: resident h1 on 2026-01-05: expected red, got green"))
    }

    @Test func givenARuleTestWithAnUnknownSignalType_whenTested_thenItIsRefusedWithItsPosition() throws {
        let file = directory.write("typo.yaml", """
            name: typo
            timeline:
              - at: 2026-01-05
                signal: {type: overlast.gluid, resident: h1}
            """)
        let result = try waakvlam(["test-rules", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file):4:"))
        #expect(result.stderr.contains("overlast.gluid"))
    }

    @Test func givenAStricterRuleSet_whenReplayed_thenTheBackTestCountsTheExtraAmberPerWeekAndTeam() throws {
        let signals = directory.write("noise.csv", """
            source,id,type,occurred_at,resident,reporter
            crm,1,overlast.geluid,2026-11-04,H9,N1
            """)
        #expect(try waakvlam(["ingest", signals]).status == 0)
        let shipped = try String(contentsOfFile: Repository.root + "/config/rules.yaml", encoding: .utf8)
        let stricter = directory.write("stricter.yaml", shipped.replacingOccurrences(of: "amber_at: 4.0", with: "amber_at: 0.5"))
        let result = try waakvlam(["replay", "--rules", stricter, "--from", "2026-11-02", "--to", "2026-11-15", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let weeks = try #require(object["weeks"] as? [[String: Any]])
        // One complaint: green under the rules in force, amber under the stricter set, in ISO week 45 (Nov 4).
        let week45 = try #require(weeks.first { $0["week"] as? String == "2026-W45" })
        #expect(week45["team"] as? String == "wijkteam-centrum")
        #expect((week45["in_force"] as? [String: Int])?["amber"] == 0)
        #expect((week45["candidate"] as? [String: Int])?["amber"] == 1)
        let totals = try #require(object["totals"] as? [String: [String: Int]])
        #expect(totals["candidate"]?["notices"] ?? 0 >= 1)
    }

    @Test func givenABrokenCandidateRuleSet_whenReplayed_thenItIsRefusedWithThePosition() throws {
        let broken = directory.write("broken.yaml", """
            version: 1
            domains: {sociaal: Buren}
            signal_types:
              overlast.geluid: {family: nuisance, domain: sociaal, weight: 1, half_life: 30d}
            arrears: {repeat_window: 90d, closed_by: []}
            rules:
              te_streng:
                level: red
                when: count(overlast.gluid, 30d) >= 1
            """)
        let result = try waakvlam(["replay", "--rules", broken])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(broken):9:17: rule 'te_streng': unknown"), "\(result.stderr)")
    }

    @Test func givenARuleWithAnUnknownFunction_whenChecked_thenCheckFailsAtTheFunctionsPosition() throws {
        let shipped = try String(contentsOfFile: Repository.root + "/config/rules.yaml", encoding: .utf8)
        let rules = directory.write("rules.yaml", shipped.replacingOccurrences(of: "when: count(waarneming.hennep, 30d) >= 1", with: "when: cout(waarneming.hennep, 30d) >= 1"))
        let line = shipped.components(separatedBy: "\n").firstIndex { $0.contains("when: count(waarneming.hennep, 30d) >= 1") }! + 1
        let config = directory.write("waakvlam.yaml", try Repository.shippedConfiguration(rules: rules))
        let result = try WaakvlamProcess.run(["check", "--config", config], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(rules):\(line):11: rule 'hennepkwekerij': unknown function 'cout'"), "\(result.stderr)")
    }

    @Test func givenARuleTestNamingItsOwnRules_whenTested_thenThoseRulesApply() throws {
        let shipped = try String(contentsOfFile: Repository.root + "/config/rules.yaml", encoding: .utf8)
        _ = directory.write("stricter.yaml", shipped.replacingOccurrences(of: "amber_at: 4.0", with: "amber_at: 0.5"))
        let test = directory.write("stricter-test.yaml", """
            name: under the stricter rules one complaint is amber
            rules: stricter.yaml
            timeline:
              - at: 2026-01-05
                signal: {type: overlast.geluid, resident: h1, reporter: n1}
              - at: 2026-01-05
                expect: {h1: amber}
            """)
        let result = try waakvlam(["test-rules", test])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func givenComplaintsByThreeNeighbours_whenTheNoticeIsAcknowledged_thenTheLogHasFeedbackForEachAndTheAuditRecordsIt() throws {
        let signals = directory.write("complaints.csv", """
            source,id,type,occurred_at,resident,reporter
            corporatie,1,overlast.geluid,2026-11-17,H1,N1
            corporatie,2,overlast.geluid,2026-11-18,H1,N2
            corporatie,3,overlast.geluid,2026-11-19,H1,N3
            """)
        #expect(try waakvlam(["ingest", signals]).status == 0)
        let log = directory.file("state/log/notices.jsonl")
        let before = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(before.count == 1)
        #expect(before.first?.contains(#""kind":"escalation""#) == true)
        let ack = try waakvlam(["ack", "1", "--by", "anna", "--note", "koffie gepland"])
        #expect(ack.status == 0, "\(ack.stderr)")
        #expect(ack.stdout.contains("3 reporter(s)"))
        let after = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(after.count == 4)
        #expect(after.dropFirst().allSatisfy { $0.contains(#""kind":"feedback""#) && !$0.contains("H1") && !$0.contains("koffie") })
        #expect(try waakvlam(["ack", "1", "--by", "bert"]).status == 2)
        _ = try waakvlam(["explain", "--resident", "H1"])
        let database = try AppDatabase.open(path: directory.file("state/waakvlam.sqlite"))
        defer { try? database.close() }
        #expect(try database.texts("SELECT action FROM audit ORDER BY id") == ["ack", "explain"])
    }

    @Test(arguments: [
        (["explain", "--resident", "H1", "--building", "B1"], "exactly one of --resident or --building"),
        (["replay", "--rules", Repository.root + "/config/rules.yaml", "--from", "2026-11-10", "--to", "2026-11-01"], "is after --to"),
        (["replay", "--rules", Repository.root + "/config/rules.yaml", "--from", "2026-13-01"], "is not a date"),
        (["snooze", "1", "--until", "morgen", "--reason", "x"], "is not a date"),
        (["contact", "--resident", "H1", "--method", "email", "--reached", "yes"], "visit, phone or letter"),
        (["digest", "--team", "nobody"], "no team 'nobody'"),
        (["ack", "99", "--by", "anna"], "no notice 99"),
        (["ack", "1", "--by", "Anna de Vries, tel 0612345678"], "an account name starts with a letter"),
        (["resolve", "1", "--by", "Anna de Vries"], "an account name starts with a letter"),
        (["contact", "--resident", "H1", "--method", "visit", "--reached", "yes", "--by", "anna 0612345678"], "an account name starts with a letter"),
    ])
    func givenBadArguments_thenTheCommandSaysWhatIsWrongAndChangesNothing(arguments: [String], message: String) throws {
        try feed()
        let before = try AppDatabase.open(path: directory.file("state/waakvlam.sqlite"))
        let signals = try before.integer("SELECT count(*) FROM signal")
        try before.close()
        let result = try waakvlam(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        let after = try AppDatabase.open(path: directory.file("state/waakvlam.sqlite"))
        defer { try? after.close() }
        #expect(try after.integer("SELECT count(*) FROM signal") == signals)
        #expect(try after.integer("SELECT count(*) FROM notice WHERE acked_at IS NOT NULL OR snoozed_at IS NOT NULL") == 0)
    }
}
