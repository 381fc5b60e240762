#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamTesting

/// A store damaged on disk (a page overwritten, as a failing disk or a stray `dd` leaves it) is
/// refused when the daemon starts, naming what SQLite found, before anything is written to it.
@Suite(.serialized) struct DamagedStoreProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }
    var database: String { state + "/waakvlam.sqlite" }

    @Test func givenAStoreWithADamagedPage_whenTheDaemonStarts_thenItRefusesNamingTheDamageAndLeavesTheFileAlone() throws {
        var text = "source,id,type,occurred_at,resident\n"
        for index in 1...3_000 { text += "crm,\(index),overlast.geluid,2026-11-01,H\(index % 500)\n" }
        let made = try WaakvlamProcess.run(["ingest", "--direct", "--config", Repository.configFile, "--state-dir", state, directory.write("feed.csv", text)], in: directory)
        #expect(made.status == 0, "\(made.stderr)")
        // Overwrite most of a page in the middle of the file (never page 1, which SQLite checks on open).
        var bytes = try Data(contentsOf: URL(fileURLWithPath: database))
        let page = bytes.count / 4_096 / 2
        bytes.replaceSubrange(page * 4_096 + 100 ..< page * 4_096 + 3_000, with: Data(repeating: 0xA5, count: 2_900))
        try bytes.write(to: URL(fileURLWithPath: database))

        let daemon = try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state], in: directory)
        #expect(daemon.waitForExit(timeout: 60) == 1)
        #expect(daemon.standardError.contains("\(database) is damaged (On tree page"), "\(daemon.standardError)")
        #expect(daemon.standardError.contains("restore it from a backup"))
        #expect(!daemon.standardError.contains("ready"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == bytes)
    }
}
