#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamService
import WaakvlamTesting

@Suite struct PseudonymizerTests {
    let directory = TemporaryDirectory()

    @Test func givenAShellsUmaskOf0022_whenTheKeyIsCreated_thenItIs0600() throws {
        let path = directory.file("pseudonym.key")
        let previous = umask(0o022)
        defer { umask(previous) }
        _ = try Pseudonymizer(keyFile: path)
        var info = stat()
        #expect(lstat(path, &info) == 0 && info.st_mode & 0o7777 == 0o600)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
    }

    @Test func givenASendersFileName_thenItsPseudonymKeepsAPlainExtensionAndNothingElseOfIt() throws {
        let pseudonyms = try Pseudonymizer(keyFile: directory.file("pseudonym.key"))
        let named = pseudonyms.pseudonym(ofFile: "H000244-jansen.CSV")
        #expect(named.range(of: #"^f-[0-9a-f]{12}\.csv$"#, options: .regularExpression) != nil, "\(named)")
        #expect(pseudonyms.pseudonym(ofFile: "H000244-jansen.CSV") == named, "the same file gets the same pseudonym")
        let forged = pseudonyms.pseudonym(ofFile: "x.csv\n<0>waakvlam store damaged")
        #expect(forged.range(of: #"^f-[0-9a-f]{12}$"#, options: .regularExpression) != nil, "\(forged)")
    }
}
