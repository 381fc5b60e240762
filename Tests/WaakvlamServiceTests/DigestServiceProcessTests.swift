#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamTesting

/// The daemon writes each team's digest once a day, after the configured time.
@Suite(.serialized) struct DigestServiceProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }

    @Test func givenTheDaemonRunningAfterSevenOClock_thenEveryTeamsDigestIsWrittenForAuthorisedReadersOnly() throws {
        let daemon = try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-05T08:00:00+01:00"], in: directory)
        let files = ["wijkteam-centrum", "wijkteam-noord"].flatMap { team in [".txt", ".html"].map { state + "/digests/2026-11-05-\(team)" + $0 } }
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { files.allSatisfy { FileManager.default.fileExists(atPath: $0) } }, "\(daemon.standardError)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
        for file in files {
            let mode = (try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) ?? 0o777
            #expect(mode & 0o007 == 0, "\(file) is readable by others")
        }
        let text = try String(contentsOfFile: files[0], encoding: .utf8)
        #expect(text.contains("Waakvlam dagoverzicht"))
        #expect(daemon.standardError.contains("daily digest written"))
    }

    @Test func givenTheDaemonRunningBeforeSevenOClock_thenNoDigestIsWrittenYet() throws {
        let daemon = try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-05T06:00:00+01:00"], in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 30) { daemon.standardError.contains("starting") })
        Thread.sleep(forTimeInterval: 2)
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
        #expect(!FileManager.default.fileExists(atPath: state + "/digests/2026-11-05-wijkteam-centrum.txt"))
    }
}
