#if canImport(Glibc)
import Glibc
#endif
import Testing
import WaakvlamCore
import WaakvlamIngest
import WaakvlamStore

@Suite struct IngestFailureTests {
    @Test func givenARejectedFileThatCannotBeWritten_thenItsErrnoNamesTheFaultAndTheMessageSaysItInWordsAndByName() {
        let failure = IngestFailure.cannotWrite(path: "rejected/x.csv", code: ENOSPC)
        #expect(FaultCause.of(failure) == .diskFull)
        #expect(failure.description == "cannot write rejected/x.csv: no space left on device (ENOSPC)")
        #expect(IngestFailure.cannotRead(path: "x.csv", reason: "it is a directory").errorNumber == nil)
    }
}
