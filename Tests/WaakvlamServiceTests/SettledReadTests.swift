#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import WaakvlamService
import WaakvlamTesting

/// A reload reads files only once they have settled.
@Suite struct SettledReadTests {
    let directory = TemporaryDirectory()
    let settling = SettledRead(settleTime: .milliseconds(400), patience: .seconds(3))

    func read(_ path: String) throws -> (String, [String]) {
        (try String(contentsOfFile: path, encoding: .utf8), [path])
    }

    @Test func givenAFileStillBeingWritten_whenRead_thenWhatIsReadIsTheWholeFile() async throws {
        let path = directory.write("rules.yaml", "rules:\n  a:\n")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { _ = directory.write("rules.yaml", "rules:\n  a:\n    for: 14d\n") }
        let outcome = try await settling.run([path]) { try read(path) }
        guard case .settled(let text) = outcome else { Issue.record("\(outcome)"); return }
        #expect(text == "rules:\n  a:\n    for: 14d\n")
    }

    @Test func givenAFileThatKeepsChanging_whenRead_thenItIsNamedAsStillChanging() async throws {
        let path = directory.write("rules.yaml", "0")
        let writing = StopFlag()
        Thread.detachNewThread {
            var count = 0
            while !writing.isSet {
                count += 1
                _ = directory.write("rules.yaml", "\(count)")
                usleep(100_000)
            }
        }
        defer { writing.set() }
        let outcome = try await settling.run([path]) { try read(path) }
        guard case .stillChanging(let file) = outcome else { Issue.record("\(outcome)"); return }
        #expect(file == path)
    }

    @Test func givenASettledFile_whenRead_thenItIsReadAtOnce() async throws {
        let path = directory.write("rules.yaml", "rules: {}\n")
        var times = [timeval(tv_sec: time(nil) - 60, tv_usec: 0), timeval(tv_sec: time(nil) - 60, tv_usec: 0)]
        utimes(path, &times)
        let started = ContinuousClock.now
        let outcome = try await settling.run([path]) { try read(path) }
        guard case .settled = outcome else { Issue.record("\(outcome)"); return }
        #expect(ContinuousClock.now - started < .milliseconds(300))
    }
}
