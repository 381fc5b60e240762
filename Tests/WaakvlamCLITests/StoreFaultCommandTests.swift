import Foundation
import Testing
import WaakvlamTesting

/// A command run directly on a store another process has locked says so in an operator's words,
/// and running it again once the lock is gone stores everything once.
@Suite(.serialized) struct StoreFaultCommandTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }

    func ingest(_ name: String, ids: ClosedRange<Int>) throws -> (status: Int32, stdout: String, stderr: String) {
        var text = "source,id,type,occurred_at,resident\n"
        for id in ids { text += "crm,\(id),overlast.geluid,2026-11-01,H\(id)\n" }
        return try WaakvlamProcess.run(["ingest", "--direct", "--config", Repository.configFile, "--state-dir", state, directory.write(name, text)], in: directory)
    }

    @Test func givenTheStoreLockedByAnotherProcess_whenIngestingDirectly_thenItExplainsAndARunAfterTheReleaseStoresEverythingOnce() throws {
        #expect(try ingest("first.csv", ids: 1...10).status == 0)
        let lock = try SQLiteLockHolder(state + "/waakvlam.sqlite")

        let refused = try ingest("second.csv", ids: 5...20)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the store is locked by another process"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Run the command again once it is resolved"))

        lock.release()
        let again = try ingest("second.csv", ids: 5...20)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try SQLiteShell.integer(state + "/waakvlam.sqlite", "SELECT count(*) FROM signal") == 20)
    }
}
