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

    /// The digest's time and language in force change with a reload.
    @Test func givenTheDigestTimeAndLanguageChangedAndReloaded_thenTheDaysDigestIsWrittenAtOnceInTheNewLanguage() throws {
        let shipped = try Repository.shippedConfiguration()
        func configuration(time: String, language: String) -> String {
            directory.write("waakvlam.yaml", shipped.replacingOccurrences(of: #"time: "07:00""#, with: #"time: "\#(time)""#)
                .replacingOccurrences(of: "language: nl", with: "language: \(language)"))
        }
        // Given a daemon at 08:00 whose digest is due at 23:00: none is written.
        let config = configuration(time: "23:00", language: "nl")
        let daemon = try WaakvlamProcess(["serve", "--config", config, "--state-dir", state, "--now", "2026-11-05T08:00:00+01:00"], in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 60) { daemon.standardError.contains("ready") }, "\(daemon.standardError)")
        let file = state + "/digests/2026-11-05-wijkteam-centrum.txt"
        Thread.sleep(forTimeInterval: 1)
        #expect(!FileManager.default.fileExists(atPath: file))

        // When the operator moves it to 07:00 in English and reloads.
        _ = configuration(time: "07:00", language: "en")
        #expect(daemon.reloadUntilInForce(timeout: 60), "\(daemon.standardError)")

        // Then the day's digest is written within a poll, in English, without a restart.
        #expect(WaakvlamProcess.waitUntil(timeout: 90) { FileManager.default.fileExists(atPath: file) }, "\(daemon.standardError)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("Waakvlam daily digest"))
        #expect(!daemon.standardError.contains("take effect at the next restart"), "\(daemon.standardError)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 20) == 0)
    }
}
