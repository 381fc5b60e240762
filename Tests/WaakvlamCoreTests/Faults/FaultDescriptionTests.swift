#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamCore

@Suite("FaultDescription")
struct FaultDescriptionTests {
    struct Ours: Error, CustomStringConvertible { let description: String }

    @Test func givenFoundationsTooManyFilesError_thenItIsToldByPathAndErrnoNotAsADump() {
        let underlying = NSError(domain: NSPOSIXErrorDomain, code: Int(EMFILE))
        let error = NSError(domain: NSCocoaErrorDomain, code: 256, userInfo: [NSFilePathErrorKey: "/var/lib/waakvlam/inbox", NSUnderlyingErrorKey: underlying])

        let words = FaultDescription(systemError: error).description

        #expect(words == "cannot read /var/lib/waakvlam/inbox: too many open files (EMFILE)")
        #expect(!words.contains("NSCocoaErrorDomain") && !words.contains("Code="))
    }

    @Test func givenAFoundationWriteErrorWithoutAnErrno_thenItsCodeStandsForOne() {
        let error = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/var/log/waakvlam/notices.jsonl"])
        #expect(FaultDescription(systemError: error).description == "cannot write /var/log/waakvlam/notices.jsonl: permission denied (EACCES)")
    }

    @Test func givenAPOSIXError_thenItIsItsErrnoInWords() {
        #expect(FaultDescription(systemError: POSIXError(.ENOSPC)).description == "no space left on device (ENOSPC)")
    }

    @Test func givenAnErrorOfOurOwn_thenItKeepsItsOwnWords() {
        #expect(FaultDescription(systemError: Ours(description: "cannot write rejected/x: disk full")).description == "cannot write rejected/x: disk full")
    }

    @Test("errno values are named", arguments: [(EMFILE, "EMFILE"), (ENFILE, "ENFILE"), (EACCES, "EACCES"), (EROFS, "EROFS")] as [(Int32, String)])
    func namesErrno(code: Int32, name: String) {
        #expect(FaultDescription.words(errno: code).hasSuffix("(\(name))"))
    }

    @Test func givenTooManyOpenFiles_thenTheCauseSaysSo() {
        #expect(FaultCause(errno: EMFILE) == .tooManyFiles)
        #expect(FaultCause(systemError: NSError(domain: NSCocoaErrorDomain, code: 256, userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENFILE))])) == .tooManyFiles)
    }
}
