#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamTesting

/// Spool files the daemon's user does not own: read when it can, refused with the reason when it cannot; never left to loop.
extension SpoolDirectoryTests {
    static var nobody: uid_t { getpwnam("nobody")?.pointee.pw_uid ?? 65_534 }

    @Test(.enabled(if: geteuid() == 0, "needs root to chown a spool file to nobody"))
    func givenAFileOwnedByAnotherUser_whenProcessed_thenItIsReadAndKeptAsTheDaemonsOwnCopy() throws {
        let environment = try TestEnvironment.make(in: directory)
        let path = directory.write("inbox/theirs.csv", signals(2))
        #expect(chown(path, Self.nobody, gid_t(Self.nobody)) == 0)
        #expect(chmod(path, 0o600) == 0)
        let outcome = try environment.spool.process("theirs.csv", now: TestEnvironment.now, shouldStop: { false })
        #expect(outcome.report?.counts.accepted == 2)
        let moved = try #require(outcome.movedTo)
        #expect(moved.hasPrefix(environment.paths.processedDirectory + "/"))
        var info = stat()
        #expect(lstat(moved, &info) == 0 && info.st_uid == geteuid() && info.st_mode & 0o7777 == 0o640,
                "the sender's file is copied into one of the daemon's, mode 0640, not moved with its owner")
        #expect(try String(contentsOfFile: moved, encoding: .utf8) == signals(2))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test(.enabled(if: geteuid() != 0, "root reads any file, so an unreadable spool file can only be made as another user"))
    func givenAFileTheDaemonMayNotRead_whenProcessed_thenItIsRefusedWithTheReasonAndMovedOut() throws {
        let environment = try TestEnvironment.make(in: directory)
        let path = directory.write("inbox/locked.csv", signals(2))
        #expect(chmod(path, 0o000) == 0)
        let outcome = try environment.spool.process("locked.csv", now: TestEnvironment.now, shouldStop: { false })
        #expect(outcome.refusal?.isEmpty == false)
        #expect(outcome.movedTo?.hasPrefix(environment.paths.rejectedDirectory) == true)
        #expect(try environment.database.integer("SELECT count(*) FROM signal") == 0)
    }
}
