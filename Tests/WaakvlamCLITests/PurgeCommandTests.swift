import Foundation
import Testing
import WaakvlamStore
import WaakvlamTesting

/// `purge` on a state directory, as an operator or a script runs it.
@Suite struct PurgeCommandTests {
    let directory = TemporaryDirectory()
    var database: String { directory.file("state") + "/waakvlam.sqlite" }

    /// Runs as `anna`, not through sudo (whatever the test runner's own environment says).
    func waakvlam(_ arguments: [String], now: String = "2026-11-23T09:00:00+01:00",
                  user: [String: String] = ["USER": "anna", "SUDO_USER": ""]) throws -> (status: Int32, stdout: String, stderr: String) {
        try WaakvlamProcess.run(["--config", Repository.configFile, "--state-dir", directory.file("state"), "--now", now].reorderedAfterSubcommand(arguments),
                                in: directory, environment: user)
    }

    /// H1 moved out 2025-01-15 (over six months ago), H2 lives there; one signal of H2 is from
    /// 2022, long past the look-back plus 18 months.
    func feed() throws {
        let registry = directory.write("registry.csv", """
            resident,building,minors,origin,moved_in,moved_out
            H1,B1,0,regulier,2019-01-01,2025-01-15
            H2,B1,0,regulier,2019-01-01,
            """)
        let signals = directory.write("signals.csv", """
            source,id,type,occurred_at,resident
            crm,1,overlast.geluid,2022-11-01,H2
            crm,2,overlast.geluid,2026-11-01,H2
            crm,3,overlast.geluid,2024-11-01,H1
            """)
        let ingested = try waakvlam(["ingest", registry, signals])
        #expect(ingested.status == 0, "\(ingested.stderr)")
    }

    func count(_ sql: String) throws -> Int {
        let store = try AppDatabase.open(path: database)
        defer { try? store.close() }
        return try store.integer(sql)
    }

    @Test func givenExpiredData_whenADryRunAsJSONThenAPurgeRun_thenTheDryRunCountsWhatThePurgeDeletesAndBothAreAudited() throws {
        try feed()
        let dry = try waakvlam(["purge", "--dry-run", "--json"])
        #expect(dry.status == 0, "\(dry.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any])
        #expect(report["dry_run"] as? Bool == true)
        let counts = try #require(report["counts"] as? [String: Int])
        #expect(counts["households"] == 1)
        #expect(counts["signals"] == 2)
        #expect(counts["registry_entries"] == 1)
        #expect(counts["notices"] == 0)
        #expect(try count("SELECT count(*) FROM resident") == 2)
        #expect(try count("SELECT count(*) FROM signal") == 3)

        let purged = try waakvlam(["purge"])
        #expect(purged.status == 0, "\(purged.stderr)")
        #expect(purged.stdout.hasPrefix("deleted:\n  households         1\n  signals            2\n  registry entries   1\n"), "\(purged.stdout)")
        #expect(try count("SELECT count(*) FROM resident") == 1)
        #expect(try count("SELECT count(*) FROM signal") == 1)
        #expect(try count("SELECT count(*) FROM purge_run WHERE trigger = 'command' AND who = 'anna' AND finished_at IS NOT NULL") == 2)
        #expect(try count("SELECT count(*) FROM audit WHERE who = 'anna' AND action IN ('purge', 'purge dry-run') AND subject LIKE 'households 1, signals 2,%'") == 2)

        let again = try waakvlam(["purge", "--json"])
        #expect(again.stdout.contains("\"households\":0"))
        #expect(again.stdout.contains("\"signals\":0"))
    }

    /// An operator purging with `sudo` is audited by name, as every other command audits them.
    @Test func givenAPurgeThroughSudo_thenTheRunAndTheAuditNameThePersonBehindSudo() throws {
        try feed()
        let purged = try waakvlam(["purge"], user: ["USER": "root", "SUDO_USER": "bert"])
        #expect(purged.status == 0, "\(purged.stderr)")
        #expect(try count("SELECT count(*) FROM purge_run WHERE trigger = 'command' AND who = 'bert'") == 1)
        #expect(try count("SELECT count(*) FROM audit WHERE who = 'bert' AND action = 'purge'") == 1)
    }
}
