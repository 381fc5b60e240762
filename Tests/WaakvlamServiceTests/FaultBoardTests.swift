import Logging
import Synchronization
import Testing
import WaakvlamCore
import WaakvlamService

/// The fault board tells the journal of a fault when it starts, sparingly while it lasts, and
/// once when it ends; and hands out the back-off of each piece of work.
@Suite struct FaultBoardTests {
    /// Keeps every log line, for assertions.
    final class Lines: Sendable {
        let lines = Mutex<[(Logger.Level, String)]>([])
        var all: [(Logger.Level, String)] { lines.withLock { $0 } }
    }

    struct Recorder: LogHandler {
        let sink: Lines
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            sink.lines.withLock { $0.append((level, message.description)) }
        }
    }

    struct Full: ErrnoCarrying, CustomStringConvertible {
        var errorNumber: Int32? { 28 } // ENOSPC
        var description: String { "write: No space left on device" }
    }

    let sink = Lines()
    var board: FaultBoard { FaultBoard(clock: FixedClock(1_000), logger: Logger(label: "test") { _ in Recorder(sink: sink) }) }

    @Test func givenWorkFailingTenTimes_thenTheJournalHearsAtTheFirstSecondFourthAndEighthAttempt() {
        let board = self.board
        let waits = (1...10).map { _ in board.failed("spool", Full()) }
        #expect(waits == [1, 2, 4, 8, 16, 30, 30, 30, 30, 30].map { Duration.seconds($0) })
        #expect(sink.all.map(\.0) == [.error, .warning, .warning, .warning])
        #expect(sink.all.first?.1 == "spool failed: disk full; retrying with back-off")
        #expect(board.faults == [DaemonFault(work: "spool", cause: .diskFull, error: "write: No space left on device", since: 1_000, attempts: 10, retryIn: 30)])
    }

    @Test func givenAFaultThatEnds_thenOneRecoveryLineAndTheBackOffStartsOver() {
        let board = self.board
        let changes = Mutex(0)
        board.whenChanged { changes.withLock { $0 += 1 } }
        board.failed("notice log", Full())
        board.failed("notice log", Full())
        board.succeeded("notice log")
        board.succeeded("notice log")
        #expect(sink.all.last.map { $0.0 == .notice && $0.1 == "notice log working again" } == true)
        #expect(sink.all.count == 3)
        #expect(board.faults.isEmpty)
        #expect(changes.withLock { $0 } == 2)
        #expect(board.failed("notice log", Full()) == .seconds(1))
    }

    @Test func givenTwoPiecesOfWorkFailing_thenEachHasItsOwnBackOff() {
        let board = self.board
        for _ in 1...3 { board.failed("spool", Full()) }
        board.failed("levels", Full())
        #expect(board.delay(of: "spool") == .seconds(4))
        #expect(board.delay(of: "levels") == .seconds(1))
        #expect(board.faults.map(\.work) == ["levels", "spool"])
        #expect(board.faults.last?.summary == "spool: disk full (3 failed attempts; retrying every 4 s)")
    }
}
