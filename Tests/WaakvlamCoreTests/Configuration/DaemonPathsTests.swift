import Testing
@testable import WaakvlamCore

@Suite("DaemonPaths")
struct DaemonPathsTests {
    @Test("--state-dir puts everything the daemon writes under one directory")
    func allUnderOneDirectory() {
        let paths = DaemonPaths.all(under: "/tmp/w")
        #expect(paths.stateDirectory == "/tmp/w")
        #expect(paths.logDirectory == "/tmp/w/log")
        #expect(paths.socketPath == "/tmp/w/waakvlam.sock")
        #expect(paths.databaseFile == "/tmp/w/waakvlam.sqlite")
        #expect(paths.inboxDirectory == "/tmp/w/inbox")
        #expect(paths.processedDirectory == "/tmp/w/processed")
        #expect(paths.rejectedDirectory == "/tmp/w/rejected")
    }
}
