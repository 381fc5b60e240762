#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import Testing
import WaakvlamTesting

/// Stopping the daemon in the middle of a feed of a slow shape: half of its rows on one
/// household, arrears and closing signals in random date order (issue 12).
@Suite(.serialized) struct FeedShapeStopProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }

    func serve() throws -> WaakvlamProcess {
        try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state], in: directory)
    }

    /// `rows` signals, seeded: half on household H1, the rest over 1,000 others; a third arrears
    /// reports with amounts, some closing signals, dates over a year in random order.
    func placeholderFeed(rows: Int) -> String {
        var random = UInt64(12)
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        let types = ["achterstand.huur", "overlast.geluid", "positief.achterstand_voldaan", "achterstand.energie", "waarneming.post", "achterstand.huur"]
        var text = "source,id,type,occurred_at,resident,amount\n"
        text.reserveCapacity(rows * 64)
        for index in 1...rows {
            let type = types[next(types.count)]
            let day = 1 + next(28), month = 1 + next(11)
            let resident = next(2) == 0 ? "H1" : "H\(2 + next(1_000))"
            let amount = type.hasPrefix("achterstand") ? "\(100 + next(5) * 50).00" : ""
            text += "incasso,\(index),\(type),2026-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day),\(resident),\(amount)\n"
        }
        return text
    }

    func stored() -> (total: Int, distinct: Int, running: Int) {
        var configuration = Configuration()
        configuration.readonly = true
        guard FileManager.default.fileExists(atPath: state + "/waakvlam.sqlite"),
              let queue = try? DatabaseQueue(path: state + "/waakvlam.sqlite", configuration: configuration) else { return (0, 0, 0) }
        return (try? queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM signal") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(DISTINCT external_id) FROM signal") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM ingest_run WHERE finished_at IS NULL") ?? 0)
        }) ?? (0, 0, 0)
    }

    @Test func givenAPlaceholderHouseholdFeedInRandomOrder_whenSigtermMidFile_thenItStopsWithin5sAndARestartStoresEveryRowOnce() throws {
        let rows = 200_000
        SpoolDrop.settled("placeholder.csv", placeholderFeed(rows: rows), state: state, in: directory)
        let first = try serve()
        #expect(WaakvlamProcess.waitUntil(timeout: 120) { stored().total > 0 })
        let sent = Date()
        first.send(SIGTERM)
        #expect(first.waitForExit(timeout: 30) == 0)
        let stopTook = Date().timeIntervalSince(sent)
        #expect(stopTook <= 5, "SIGTERM took \(stopTook) s")
        let afterStop = stored()
        #expect(afterStop.total < rows, "the test needs the daemon to stop mid-file")
        #expect(afterStop.running == 1)

        let second = try serve()
        #expect(WaakvlamProcess.waitUntil(timeout: 300) { !FileManager.default.fileExists(atPath: state + "/inbox/placeholder.csv") })
        second.send(SIGTERM)
        #expect(second.waitForExit(timeout: 30) == 0)
        let final = stored()
        #expect(final.total == rows)
        #expect(final.distinct == rows)
        #expect(final.running == 0)
    }
}
