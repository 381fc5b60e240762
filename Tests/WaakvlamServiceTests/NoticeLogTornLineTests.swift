import Foundation
import Testing
import WaakvlamService
import WaakvlamTesting

/// A notice log whose last line a crash cut in half is mended when it is opened.
@Suite struct NoticeLogTornLineTests {
    let directory = TemporaryDirectory()

    @Test func givenALogEndingInHalfALine_whenOpened_thenTheHalfLineIsCutOffAndTheWholeLinesStay() throws {
        let environment = try TestEnvironment.make(in: directory)
        let path = environment.paths.noticeLogFile
        try FileManager.default.createDirectory(atPath: environment.paths.logDirectory, withIntermediateDirectories: true)
        let whole = #"{"id":1,"kind":"escalation"}"# + "\n"
        try Data((whole + #"{"id":2,"ki"#).utf8).write(to: URL(fileURLWithPath: path))

        _ = try environment.openNoticeLog()

        #expect(try String(contentsOfFile: path, encoding: .utf8) == whole)
    }
}
