import Foundation
import Synchronization
import Testing
import WaakvlamStore
import WaakvlamTesting

@Suite struct AppDatabaseTests {
    let directory = TemporaryDirectory()

    @Test func givenANewFile_thenTheSchemaIsCreatedInWALMode_andOpeningAgainKeepsIt() throws {
        let path = directory.file("w.sqlite")
        let first = try AppDatabase.open(path: path)
        #expect(try first.texts("PRAGMA journal_mode") == ["wal"])
        #expect(try first.integer("SELECT count(*) FROM sqlite_master WHERE name IN ('signal', 'resident', 'building', 'unit', 'registry_history', 'source', 'ingest_run')") == 7)
        #expect(try first.integer("SELECT count(*) FROM sqlite_master WHERE name IN ('subject_state', 'level_change', 'engine_clock')") == 3)
        try first.close()
        let again = try AppDatabase.open(path: path)
        // Every migration ran once: opening again runs none.
        #expect(try again.integer("SELECT count(*) FROM grdb_migrations") == 8)
    }

    @Test func givenAFileThatIsNotSQLite_thenOpeningFailsWithAClearMessage() throws {
        let path = directory.write("corrupt.sqlite", String(repeating: "not a database at all ", count: 500))
        #expect {
            _ = try AppDatabase.open(path: path)
        } throws: { error in
            (error as? StoreError) == .notADatabase(path: path) && "\(error)".contains("restore it from a backup")
        }
    }

    @Test func givenASQLiteFileOfAnotherProgram_thenItIsRefusedAndLeftUntouched() throws {
        let path = directory.file("foreign.sqlite")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, "CREATE TABLE other(x); INSERT INTO other VALUES (1);"]
        try process.run()
        process.waitUntilExit()
        #expect(throws: StoreError.foreignDatabase(path: path)) {
            _ = try AppDatabase.open(path: path)
        }
    }

    /// An operator's `waakvlam status` while the daemon starts for the first time: two processes
    /// create the same new store at once (here six pools in one process, which SQLite locks
    /// against each other as it does processes). Each must open it; none may fail on another's
    /// half-made store: SQLite's WAL switch that does not wait, GRDB's bookkeeping table before
    /// the first migration, or a migration another has just committed.
    @Test func givenANewFileOpenedBySixAtOnce_thenEachOpensIt_andEveryMigrationRanOnce() throws {
        for round in 1...25 {
            let path = directory.file("race-\(round).sqlite")
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                do {
                    try AppDatabase.open(path: path).close()
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [], "round \(round)")
            let database = try AppDatabase.open(path: path)
            #expect(try database.integer("SELECT count(*) FROM grdb_migrations") == 8)
            #expect(try database.integer("PRAGMA application_id") == 0x5741_4B56)
            try database.close()
        }
    }
}
