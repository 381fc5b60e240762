import GRDB
import Testing
import WaakvlamCore
import WaakvlamStore
import WaakvlamTesting

@Suite("FaultCause of database errors")
struct DatabaseFaultCauseTests {
    @Test("SQLite's result codes name the fault", arguments: [
        (ResultCode.SQLITE_FULL, FaultCause.diskFull), (.SQLITE_BUSY, .databaseLocked), (.SQLITE_LOCKED, .databaseLocked),
        (.SQLITE_IOERR, .ioError), (.SQLITE_READONLY, .readOnly), (.SQLITE_CANTOPEN, .permission), (.SQLITE_CONSTRAINT, .other),
    ] as [(ResultCode, FaultCause)])
    func classifies(code: ResultCode, cause: FaultCause) {
        #expect(FaultCause.of(DatabaseError(resultCode: code, message: "test")) == cause)
    }

    @Test func givenARealLockHeldByAnotherConnection_thenAWriteFailsAsDatabaseLocked() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("locked.sqlite")
        let database = try AppDatabase.open(path: path)
        var configuration = Configuration()
        configuration.busyMode = .immediateError
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try database.writer.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS probe(x)")
        }
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            #expect(throws: (any Error).self) { try other.write { try $0.execute(sql: "INSERT INTO probe VALUES (1)") } }
            do { try other.write { try $0.execute(sql: "INSERT INTO probe VALUES (1)") } } catch {
                #expect(FaultCause.of(error) == .databaseLocked)
            }
        }
    }
}
