import Foundation
import Testing
import WaakvlamStore
import WaakvlamTesting

/// `digest` as outreach workers and the daemon's operators call it.
@Suite struct DigestCommandTests {
    let directory = TemporaryDirectory()

    func waakvlam(_ arguments: [String], now: String = "2026-11-23T09:00:00+01:00") throws -> (status: Int32, stdout: String, stderr: String) {
        try WaakvlamProcess.run(["--config", Repository.configFile, "--state-dir", directory.file("state"), "--now", now].reorderedAfterSubcommand(arguments),
                                in: directory, environment: ["USER": "anna", "SUDO_USER": ""])
    }

    func feed() throws {
        let registry = directory.write("registry.csv", """
            resident,building,minors,origin,moved_in
            H1,B1,2,regulier,2019-01-01
            H2,B1,0,regulier,2019-01-01
            """)
        let signals = directory.write("signals.csv", """
            source,id,type,occurred_at,resident,days_overdue,amount
            crm,1,achterstand.huur,2026-11-01,H1,75,700.00
            """)
        let ingested = try waakvlam(["ingest", registry, signals])
        #expect(ingested.status == 0, "\(ingested.stderr)")
    }

    func auditSubjects() throws -> [String?] {
        let database = try AppDatabase.open(path: directory.file("state") + "/waakvlam.sqlite")
        defer { try? database.close() }
        return try database.texts("SELECT subject FROM audit WHERE action = 'digest' ORDER BY id")
    }

    @Test func givenAStoreWithARed_whenTheDigestIsAskedAsHTML_thenItIsAnHTMLDocumentAndTheReadingIsAudited() throws {
        try feed()
        let result = try waakvlam(["digest", "--format", "html"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(result.stdout.contains("<strong>H1</strong>"))
        #expect(try auditSubjects() == ["all teams date 2026-11-23"])
    }

    @Test func givenATeamADateAndEnglish_whenTheDigestIsAsked_thenItIsThatTeamsTextAndTheAuditNamesTeamAndDate() throws {
        try feed()
        let result = try waakvlam(["digest", "--team", "wijkteam-centrum", "--date", "2026-11-23", "--language", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Waakvlam daily digest — Monday 23 November 2026\nWijkteam Centrum (wijkteam-centrum)\n"))
        #expect(result.stdout.contains("  - H1: red"))
        let audit = try AppDatabase.open(path: directory.file("state") + "/waakvlam.sqlite")
        defer { try? audit.close() }
        #expect(try audit.texts("SELECT subject FROM audit") == ["team wijkteam-centrum date 2026-11-23"])
        #expect(try audit.texts("SELECT who || ' ' || action FROM audit") == ["anna digest"])
    }

    @Test func givenAnUnknownTeam_whenTheDigestIsAsked_thenExitIsTwoWithTheKnownTeams() throws {
        let result = try waakvlam(["digest", "--team", "wijkteam-zuid"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no team 'wijkteam-zuid'"))
        #expect(result.stderr.contains("wijkteam-centrum, wijkteam-noord"))
        #expect(result.stdout.isEmpty)
    }

    @Test func givenABadFormatOrLanguage_whenTheDigestIsAsked_thenItIsRefused() throws {
        #expect(try waakvlam(["digest", "--format", "pdf"]).status != 0)
        #expect(try waakvlam(["digest", "--language", "de"]).status != 0)
    }
}
