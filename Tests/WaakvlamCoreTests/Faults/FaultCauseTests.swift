#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamCore

@Suite("FaultCause")
struct FaultCauseTests {
    struct WriteFailed: ErrnoCarrying { let errorNumber: Int32? }
    struct Described: Error, CustomStringConvertible { let description: String }

    @Test("each errno an operator acts on has its cause", arguments: [
        (ENOSPC, FaultCause.diskFull), (EDQUOT, .diskFull), (EFBIG, .diskFull), (EIO, .ioError), (EROFS, .readOnly),
        (EACCES, .permission), (EPERM, .permission), (EINVAL, .other),
    ] as [(Int32, FaultCause)])
    func classifiesErrno(code: Int32, cause: FaultCause) {
        #expect(FaultCause(errno: code) == cause)
        #expect(FaultCause(systemError: WriteFailed(errorNumber: code)) == cause)
    }

    @Test func givenFoundationAndPOSIXErrors_thenTheErrnoInsideIsFound() {
        #expect(FaultCause(systemError: POSIXError(.ENOSPC)) == .diskFull)
        let cocoa = NSError(domain: NSCocoaErrorDomain, code: 642, userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
        #expect(FaultCause(systemError: cocoa) == .diskFull)
    }

    @Test func givenOnlyAMessage_thenTheSystemsWordsForTheFaultAreRecognised() {
        let message = "cannot write rejected/x.csv: \(String(cString: strerror(ENOSPC)))"
        #expect(FaultCause(systemError: Described(description: message)) == .diskFull)
        #expect(FaultCause(systemError: Described(description: "line 3: unknown type")) == .other)
    }
}
