#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamStore
import WaakvlamTesting

/// The daemon applies the retention periods once a day at `retention.run_at` (03:30).
@Suite(.serialized) struct PurgeServiceProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }

    func residents() throws -> [String?] {
        let store = try AppDatabase.open(path: state + "/waakvlam.sqlite")
        defer { try? store.close() }
        return try store.texts("SELECT ref FROM resident ORDER BY ref")
    }

    @Test func givenAHouseholdThatMovedOutLongAgo_whenTheDaemonRunsFromJustBeforeHalfPastThree_thenItIsPurgedAtHalfPastThreeOnce() throws {
        let registry = directory.write("registry.csv", """
            resident,building,minors,origin,moved_in,moved_out
            H1,B1,0,regulier,2019-01-01,2025-01-15
            H2,B1,0,regulier,2019-01-01,
            """)
        let ingested = try WaakvlamProcess.run(["ingest", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-24T03:00:00+01:00", registry], in: directory)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        let serve = ["serve", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-24T03:29:50+01:00"]
        let daemon = try WaakvlamProcess(serve, in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("starting") })
        // Not before the time.
        #expect(try residents() == ["H1", "H2"])
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("daily purge done") }, "\(daemon.standardError)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
        #expect(try residents() == ["H2"])
        #expect(daemon.standardError.contains("households=1") || daemon.standardError.contains("households: 1"), "\(daemon.standardError)")

        // A restart later that day purges nothing again.
        let again = try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-24T04:00:00+01:00"], in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { again.standardError.contains("starting") })
        Thread.sleep(forTimeInterval: 2)
        again.send(SIGTERM)
        #expect(again.waitForExit(timeout: 20) == 0)
        #expect(!again.standardError.contains("daily purge done"))
        let store = try AppDatabase.open(path: state + "/waakvlam.sqlite")
        defer { try? store.close() }
        #expect(try store.texts("SELECT trigger || ' ' || who || ' ' || households FROM purge_run") == ["daemon waakvlam 1"])
    }

    /// The retention in force changes with a reload: its time and its periods both.
    @Test func givenRetentionChangedAndReloaded_thenTheNextDailyPurgeUsesTheNewTimeAndPeriods() throws {
        let registry = directory.write("registry.csv", """
            resident,building,minors,origin,moved_in,moved_out
            H1,B1,0,regulier,2019-01-01,2025-01-15
            H2,B1,0,regulier,2019-01-01,
            """)
        #expect(try WaakvlamProcess.run(["ingest", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-24T03:00:00+01:00", registry],
                                        in: directory).status == 0)
        // Given a daemon that purges at 23:59 and keeps moved-out households 36 months: nothing is due at 10:00.
        let shipped = try Repository.shippedConfiguration()
        func configuration(movedOut: String, runAt: String) -> String {
            directory.write("waakvlam.yaml", shipped.replacingOccurrences(of: "moved_out: 6 months", with: "moved_out: \(movedOut)")
                .replacingOccurrences(of: #"run_at: "03:30""#, with: #"run_at: "\#(runAt)""#))
        }
        let config = configuration(movedOut: "36 months", runAt: "23:59")
        let daemon = try WaakvlamProcess(["serve", "--config", config, "--state-dir", state, "--now", "2026-11-24T10:00:00+01:00"], in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 60) { daemon.standardError.contains("ready") }, "\(daemon.standardError)")

        // When the operator sets 6 months and 03:30 and reloads.
        _ = configuration(movedOut: "6 months", runAt: "03:30")
        #expect(daemon.reloadUntilInForce(timeout: 60), "\(daemon.standardError)")

        // Then the day's purge, now past its time, runs under the new periods, without a restart.
        #expect(WaakvlamProcess.waitUntil(timeout: 90) { daemon.standardError.contains("daily purge done") }, "\(daemon.standardError)")
        let log = daemon.standardError
        #expect(log.range(of: "configuration reloaded")!.lowerBound < log.range(of: "daily purge done")!.lowerBound)
        #expect(!log.contains("take effect at the next restart"), "\(log)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
        #expect(try residents() == ["H2"])
    }
}
