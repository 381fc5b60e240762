#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamTesting

/// The journal as journald reads the daemon's standard error (JOURNAL_STREAM set): a line per
/// record, each starting with its own `<N>` priority, and nothing a sender chose can forge one.
@Suite(.serialized) struct JournalProcessTests {
    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }

    @Test func givenSpoolFileNamesThatForgeLinesOrNameAHousehold_whenServed_thenEveryLineIsTheDaemonsAndNoNameAppears() throws {
        let forged = "x.csv\n<0>waakvlam store damaged"
        let personal = "H000244-jansen.csv"
        let rows = "source,id,type,occurred_at,resident\ncrm,1,overlast.geluid,2026-11-01,H1\n"
        SpoolDrop.settled(forged, rows, state: state, in: directory)
        SpoolDrop.settled(personal, rows.replacingOccurrences(of: "crm,1,", with: "crm,2,") + "crm,3,onbekend,2026-11-01,H2\n", state: state, in: directory)
        let target = directory.write("elsewhere/secret.csv", rows)
        #expect(symlink(target, state + "/inbox/link.csv\n<1>waakvlam alert") == 0)

        let daemon = try WaakvlamProcess(["serve", "--config", Repository.configFile, "--state-dir", state],
                                         environment: ["JOURNAL_STREAM": "8:12345"], in: directory)
        let seen = WaakvlamProcess.waitUntil(timeout: 90) {
            let text = daemon.standardError
            return text.components(separatedBy: "spool file ingested").count == 3 && text.contains("spool file refused")
        }
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 60) == 0)
        let journal = daemon.standardError
        #expect(seen, "\(journal)")

        let lines = journal.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for line in lines {
            // Nothing in this run is an emergency, alert or critical: the daemon's own lines are <3> to <7>.
            #expect(line.range(of: #"^<[3-7]>"#, options: .regularExpression) != nil, "a line the daemon did not write: \(line)")
        }
        for raw in ["x.csv", "store damaged", "jansen", "H000244", "link.csv", "waakvlam alert"] {
            #expect(!journal.contains(raw), "the sender's file name reached the journal: \(raw)")
        }
        #expect(journal.contains("file=f-"), "files are named by pseudonym: \(journal)")
    }
}
