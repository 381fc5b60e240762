import Foundation
import Testing
import WaakvlamCore
import WaakvlamDigest
import WaakvlamStore
import WaakvlamTesting

/// The day's digests as files in the state directory, for the daemon to schedule.
@Suite struct DigestWriterTests {
    let fixture: DigestFixture
    init() throws { fixture = try DigestFixture() }

    @Test func givenTwoTeams_whenWritten_thenEachHasATextAndAnHTMLFileReadableByOwnerAndGroupOnly() throws {
        // given
        let state = fixture.directory.path
        // when
        let written = try DigestWriter(builder: fixture.builder).write(for: fixture.day, into: state, at: fixture.now, who: "waakvlam")
        // then
        let names = ["2026-11-23-wijkteam-centrum.txt", "2026-11-23-wijkteam-centrum.html", "2026-11-23-wijkteam-noord.txt", "2026-11-23-wijkteam-noord.html"]
        #expect(written == names.map { "\(state)/digests/\($0)" })
        let listed = try FileManager.default.contentsOfDirectory(atPath: "\(state)/digests").sorted()
        #expect(listed == names.sorted(), "no temporary files are left behind")
        for path in written {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
        }
        let noord = try String(contentsOfFile: "\(state)/digests/2026-11-23-wijkteam-noord.txt", encoding: .utf8)
        #expect(noord.contains("  - N1: oranje"))
        #expect(!noord.contains("H1"))
        #expect(try String(contentsOfFile: written[1], encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        // Every rendering is audited.
        let subjects = try fixture.environment.database.texts("SELECT subject FROM audit WHERE action = 'digest' AND who = 'waakvlam' ORDER BY id")
        #expect(subjects == ["team wijkteam-centrum date 2026-11-23", "team wijkteam-centrum date 2026-11-23",
                             "team wijkteam-noord date 2026-11-23", "team wijkteam-noord date 2026-11-23"])
    }

    @Test func givenAnEarlierFileForTheDay_whenWrittenAgain_thenItIsReplacedWhole() throws {
        let state = fixture.directory.path
        let writer = DigestWriter(builder: fixture.builder, language: .english)
        _ = fixture.directory.write("digests/2026-11-23-wijkteam-noord.txt", "stale")
        try writer.write(for: fixture.day, into: state, at: fixture.now)
        let text = try String(contentsOfFile: "\(state)/digests/2026-11-23-wijkteam-noord.txt", encoding: .utf8)
        #expect(text.hasPrefix("Waakvlam daily digest — Monday 23 November 2026"))
    }

    @Test func givenATeamIdWithASlash_whenNamed_thenTheFileStaysInTheDigestDirectory() {
        #expect(DigestWriter.baseName(day: LocalDate(year: 2026, month: 11, day: 23)!, team: "../wijk team") == "2026-11-23-.._wijk_team")
    }
}
