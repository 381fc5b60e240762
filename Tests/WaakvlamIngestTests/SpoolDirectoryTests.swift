#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamCore
import WaakvlamIngest
import WaakvlamService
import WaakvlamTesting

@Suite struct SpoolDirectoryTests {
    let directory = TemporaryDirectory()

    func signals(_ count: Int, from first: Int = 1) -> String {
        "source,id,type,occurred_at,resident\n" + (first..<(first + count)).map { "crm,\($0),overlast.geluid,2026-11-01,H\($0 % 50)\n" }.joined()
    }

    @Test func givenAFileStillBeingWrittenUnderAPartName_thenItIsLeftAloneUntilRenamedIn() throws {
        let environment = try TestEnvironment.make(in: directory)
        let spool = environment.spool
        let inbox = environment.paths.inboxDirectory
        directory.write("inbox/feed.csv.part", "source,id,type,occurred_at,resident\ncrm,1,overlast.geluid,2026-11")
        directory.write("inbox/.hidden.csv", "partial")
        #expect(try spool.readyFiles(now: TestEnvironment.now + 3_600).isEmpty)

        directory.write("inbox/feed.csv.part", signals(3))
        #expect(rename(inbox + "/feed.csv.part", inbox + "/feed.csv") == 0)
        let ready = try spool.readyFiles(now: Int64(Date().timeIntervalSince1970) + 5)
        #expect(ready == ["feed.csv"])
        let outcome = try spool.process("feed.csv", now: TestEnvironment.now, shouldStop: { false })
        #expect(outcome.report?.counts.accepted == 3)
        #expect(outcome.movedTo?.hasPrefix(environment.paths.processedDirectory + "/") == true)
        #expect(!FileManager.default.fileExists(atPath: inbox + "/feed.csv"))
    }

    @Test func givenAFileWrittenInPlace_thenItWaitsUntilItHasSettled() throws {
        let environment = try TestEnvironment.make(in: directory)
        let path = directory.write("inbox/direct.csv", signals(1))
        // The file's own time, not the clock after writing: on a loaded machine a second can pass in between.
        var info = stat()
        #expect(lstat(path, &info) == 0)
        let justWritten = Int64(info.st_mtim.tv_sec)
        #expect(try environment.spool.readyFiles(now: justWritten).isEmpty)
        #expect(try environment.spool.readyFiles(now: justWritten + 2) == ["direct.csv"])
    }

    @Test func givenASymlinkDroppedInTheInbox_thenItIsRefusedAndNotFollowed() throws {
        let environment = try TestEnvironment.make(in: directory)
        let secret = directory.write("elsewhere/secret.csv", signals(2))
        #expect(symlink(secret, environment.paths.inboxDirectory + "/link.csv") == 0)
        let outcome = try environment.spool.process("link.csv", now: TestEnvironment.now, shouldStop: { false })
        #expect(outcome.refusal?.contains("symbolic link") == true)
        #expect(try environment.database.integer("SELECT count(*) FROM signal") == 0)
        #expect(FileManager.default.fileExists(atPath: secret))
    }

    @Test func givenAnInterruptedFile_whenProcessedAgain_thenItResumesAfterTheCommittedLinesWithExactCounts() throws {
        let environment = try TestEnvironment.make(in: directory, onDisk: true) { $0.ingest.batchSize = 10 }
        directory.write("inbox/big.csv", signals(95) + "crm,bad,onbekend,2026-11-01,H1\n")
        var batches = 0
        let first = try environment.spool.process("big.csv", now: TestEnvironment.now, shouldStop: { batches += 1; return batches == 3 })
        #expect(first.report?.interrupted == true)
        #expect(first.movedTo == nil)
        #expect(try environment.database.integer("SELECT count(*) FROM signal") == 30)

        let second = try environment.spool.process("big.csv", now: TestEnvironment.now, shouldStop: { false })
        #expect(second.report?.counts == .init(accepted: 95, duplicates: 0, repeats: 0, rejected: 1))
        #expect(try environment.database.integer("SELECT count(*) FROM signal") == 95)
        #expect(try environment.database.integer("SELECT count(*) FROM ingest_run WHERE finished_at IS NULL") == 0)
    }
}
