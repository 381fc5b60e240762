#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamService
import WaakvlamTesting

/// The state directory's lock: who holds it is named, a daemon is never waited for, a command is
/// waited for a while. (Two descriptors of one process conflict under flock as two processes do.)
@Suite struct StateDirectoryLockTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }

    @Test func givenNoStateDirectory_whenTheLockIsTaken_thenTheDirectoryAndA0640LockFileSignedByTheHolderAreMade() throws {
        let old = umask(0)
        defer { umask(old) }
        let lock = try StateDirectoryLock.take(stateDirectory: state, command: "serve")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: lock.path)[.posixPermissions] as? Int)
        #expect(mode == 0o640)
        #expect(try String(contentsOfFile: lock.path, encoding: .utf8) == "\(getpid()) serve\n")
        #expect(StateDirectoryLock.holder(of: state) == StateDirectoryLock.Holder(pid: getpid(), command: "serve"))
        lock.release()
        #expect(StateDirectoryLock.holder(of: state) == nil)
    }

    @Test func givenADaemonHoldsIt_whenACommandWouldWait_thenItIsRefusedAtOnce_namingTheDaemon() throws {
        let daemon = try StateDirectoryLock.take(stateDirectory: state, command: "serve")
        let started = ContinuousClock.now
        #expect {
            try StateDirectoryLock.take(stateDirectory: state, command: "ingest", patience: .seconds(10))
        } throws: { error in
            (error as? StateDirectoryLock.Held)?.holder == StateDirectoryLock.Holder(pid: getpid(), command: "serve")
        }
        #expect(ContinuousClock.now - started < .seconds(2))
        daemon.release()
    }

    @Test func givenACommandHoldsIt_thenAnotherWaitsItsPatience_andTakesItOnceReleased() throws {
        let first = try StateDirectoryLock.take(stateDirectory: state, command: "ingest")
        let started = ContinuousClock.now
        #expect(throws: StateDirectoryLock.Held.self) { try StateDirectoryLock.take(stateDirectory: state, command: "purge", patience: .milliseconds(300)) }
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { first.release() }
        let second = try StateDirectoryLock.take(stateDirectory: state, command: "purge", patience: .seconds(10))
        #expect(StateDirectoryLock.holder(of: state)?.command == "purge")
        second.release()
    }

    @Test func givenALockFileNamingAProcessThatEnded_thenNobodyIsNamed_andTheLockIsTaken() throws {
        // As a daemon killed with -9 leaves it: its name in the file, its lock gone with it.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        _ = directory.write("state/" + StateDirectoryLock.fileName, "\(ended.processIdentifier) serve\n")
        #expect(StateDirectoryLock.holder(of: state) == nil)
        let lock = try StateDirectoryLock.take(stateDirectory: state, command: "serve")
        #expect(StateDirectoryLock.holder(of: state)?.pid == getpid())
        lock.release()
        #expect(try String(contentsOfFile: lock.path, encoding: .utf8) == "", "released, the file names nobody")
    }

    @Test func givenTheLockFileDeletedUnderItsHolder_thenASecondProcessIsStillRefused() throws {
        let daemon = try StateDirectoryLock.take(stateDirectory: state, command: "serve")
        #expect(unlink(daemon.path) == 0)
        #expect(throws: StateDirectoryLock.Held.self) { try StateDirectoryLock.take(stateDirectory: state, command: "serve") }
        daemon.release()
        let next = try StateDirectoryLock.take(stateDirectory: state, command: "serve")
        next.release()
    }
}
