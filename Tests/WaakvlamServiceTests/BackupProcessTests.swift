#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamTesting

/// The documented backup (README, "Backup"): `sqlite3 … ".backup FILE"` against the store of a
/// running daemon gives a consistent copy that waakvlam itself opens, even mid-ingest.
@Suite(.serialized) struct BackupProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }

    @Test func givenADaemonIngestingALargeSpoolFile_whenBackedUpWithSqlite3_thenTheCopyIsWholeAndWaakvlamReadsIt() throws {
        let daemon = try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state], in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("socket listening") }, "\(daemon.standardError)")
        var text = "source,id,type,occurred_at,resident\n"
        for index in 1...150_000 { text += "crm,\(index),overlast.geluid,2026-11-01,H\(index % 4_999)\n" }
        SpoolDrop.settled("big.csv", text, state: state, in: directory)
        // Back up while the file is being stored: once some rows are in, and before it is done.
        #expect(WaakvlamProcess.waitUntil(timeout: 60) { daemon.standardError.contains("batch") || (try? signals(in: state + "/waakvlam.sqlite")) ?? 0 > 0 })
        let copyState = directory.file("restored")
        try FileManager.default.createDirectory(atPath: copyState, withIntermediateDirectories: true)
        let backup = try sqlite3(state + "/waakvlam.sqlite", ".backup '\(copyState)/waakvlam.sqlite'")
        #expect(backup.status == 0, "\(backup.stderr)")

        #expect(try sqlite3(copyState + "/waakvlam.sqlite", "PRAGMA integrity_check").stdout == "ok\n")
        #expect(try sqlite3(copyState + "/waakvlam.sqlite", "PRAGMA foreign_key_check").stdout.isEmpty)
        let copied = try signals(in: copyState + "/waakvlam.sqlite")
        #expect(copied > 0)
        // Every signal in the copy belongs to progress its ingest run had committed with it.
        let committed = Int(try sqlite3(copyState + "/waakvlam.sqlite", "SELECT sum(accepted) FROM ingest_run").stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        #expect(copied == committed)
        let status = try WaakvlamProcess.run(["status", "--json", "--direct", "--config", Repository.configFile, "--state-dir", copyState], in: directory)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("\"signals\":\(copied)") || status.stdout.contains("\"signals\" : \(copied)"), "\(status.stdout)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 60) == 0)
    }

    func sqlite3(_ database: String, _ command: String) throws -> (status: Int32, stdout: String, stderr: String) {
        try SQLiteShell.run(database, command)
    }

    func signals(in database: String) throws -> Int {
        max(try SQLiteShell.integer(database, "SELECT count(*) FROM signal"), 0)
    }
}
