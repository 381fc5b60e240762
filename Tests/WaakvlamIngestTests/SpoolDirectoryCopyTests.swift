#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamCore
import WaakvlamTesting

/// What the spool keeps: copies of mode 0640 whatever the sender's mode, and never a link.
extension SpoolDirectoryTests {
    func mode(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    func entries(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    @Test func givenASendersFileOfMode0644_whenProcessed_thenItsCopyInProcessedIs0640() throws {
        let environment = try TestEnvironment.make(in: directory)
        let path = directory.write("inbox/open.csv", signals(2))
        #expect(chmod(path, 0o644) == 0)

        let outcome = try environment.spool.process("open.csv", now: TestEnvironment.now, shouldStop: { false })

        let moved = try #require(outcome.movedTo)
        #expect(mode(moved) == 0o640, "processed/ keeps residents' data: group-readable, no more")
    }

    @Test func givenAWorldWritableFileWithABadRow_whenProcessed_thenEveryCopyKeptIs0640() throws {
        let environment = try TestEnvironment.make(in: directory)
        let path = directory.write("inbox/mixed.csv", signals(1) + "crm,bad,onbekend,2026-11-01,H1\n")
        #expect(chmod(path, 0o666) == 0)

        _ = try environment.spool.process("mixed.csv", now: TestEnvironment.now, shouldStop: { false })

        let kept = [environment.paths.processedDirectory, environment.paths.rejectedDirectory].flatMap { folder in entries(folder).map { folder + "/" + $0 } }
        #expect(kept.count == 3, "the file in processed/, its bad row and the reason in rejected/: \(kept)")
        for file in kept { #expect(mode(file) == 0o640, "\(file)") }
    }

    @Test func givenASymlinkToASecretInTheInbox_whenProcessed_thenNoLinkLandsInRejectedAndItsTargetIsUntouched() throws {
        let environment = try TestEnvironment.make(in: directory)
        let secret = directory.write("elsewhere/shadow", "root:$6$secret:19000:0:99999:7:::\n")
        let link = environment.paths.inboxDirectory + "/shadow.csv"
        #expect(symlink(secret, link) == 0)

        let outcome = try environment.spool.process("shadow.csv", now: TestEnvironment.now, shouldStop: { false })

        #expect(outcome.refusal?.contains("symbolic link") == true)
        var info = stat()
        for name in entries(environment.paths.rejectedDirectory) {
            #expect(lstat(environment.paths.rejectedDirectory + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG, "rejected/\(name) is no regular file")
        }
        let explanation = try #require(entries(environment.paths.rejectedDirectory).first { $0.hasSuffix("shadow.csv.errors") })
        #expect(try String(contentsOfFile: environment.paths.rejectedDirectory + "/" + explanation, encoding: .utf8).contains("symbolic link"))
        #expect(lstat(link, &info) != 0, "the link is removed from inbox/, so it is not refused again at every poll")
        #expect(try String(contentsOfFile: secret, encoding: .utf8).hasPrefix("root:"))
    }

    @Test func givenAFIFOInTheInbox_whenProcessed_thenItIsRemovedWithoutBeingOpened() throws {
        let environment = try TestEnvironment.make(in: directory)
        let fifo = environment.paths.inboxDirectory + "/pipe.csv"
        #expect(mkfifo(fifo, 0o644) == 0)

        let outcome = try environment.spool.process("pipe.csv", now: TestEnvironment.now, shouldStop: { false })

        #expect(outcome.refusal?.contains("not a regular file") == true)
        #expect(!FileManager.default.fileExists(atPath: fifo))
        #expect(entries(environment.paths.rejectedDirectory).allSatisfy { $0.hasSuffix(".errors") })
    }

    @Test func givenADirectoryInTheInbox_thenItIsNoDeliveryAndStaysWhereItIs() throws {
        let environment = try TestEnvironment.make(in: directory)
        let folder = environment.paths.inboxDirectory + "/folder"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(symlink("/etc/shadow", folder + "/inside.csv") == 0)

        #expect(try environment.spool.readyFiles(now: Int64(Date().timeIntervalSince1970) + 3_600) == [])
        #expect(FileManager.default.fileExists(atPath: folder))
        #expect(entries(environment.paths.rejectedDirectory).isEmpty)
    }
}
