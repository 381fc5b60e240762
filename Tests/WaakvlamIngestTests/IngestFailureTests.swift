#if canImport(Glibc)
import Glibc
#endif
import Testing
import WaakvlamCore
import WaakvlamIngest
import WaakvlamStore

@Suite struct IngestFailureTests {
    @Test func givenARejectedFileThatCannotBeWritten_thenItsErrnoNamesTheFaultAndTheMessageTheSystemsWords() {
        let failure = IngestFailure.cannotWrite(path: "rejected/x.csv", code: ENOSPC)
        #expect(FaultCause.of(failure) == .diskFull)
        #expect(failure.description == "cannot write rejected/x.csv: \(String(cString: strerror(ENOSPC)))")
        #expect(IngestFailure.cannotRead(path: "x.csv", reason: "it is a directory").errorNumber == nil)
    }
}
