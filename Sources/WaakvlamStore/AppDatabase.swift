#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import Synchronization

/// The daemon's one SQLite database: schema, invariants and every write.
///
/// Built over an injected `DatabaseWriter`: a WAL `DatabasePool` in
/// production (readers never block the writer), an in-memory `DatabaseQueue`
/// in tests — the same code for both.
public final class AppDatabase: Sendable {
    /// The connection everything goes through.
    public let writer: any DatabaseWriter
    /// The file of a file database, for the connection that checkpoints (nil in memory).
    private let checkpointPath: String?
    /// A connection of its own for WAL checkpoints, so that copying the log into the database
    /// never runs on the writer's path (see ``checkpoint()``). Opened at the first checkpoint:
    /// only the daemon checkpoints, and a command need not open a connection it never uses.
    private let checkpointer = Mutex<DatabaseQueue?>(nil)

    /// `PRAGMA application_id` of a waakvlam database ('WAKV'): a foreign file is refused.
    static let applicationID: Int32 = 0x5741_4B56

    /// Wraps `writer` and brings its schema up to date.
    public init(_ writer: any DatabaseWriter, checkpointPath: String? = nil) throws {
        self.writer = writer
        self.checkpointPath = checkpointPath
        try Self.checkOwnership(writer)
        try Self.migrate(writer)
    }

    /// Brings the schema up to date, also while another process does the same to a new store (an
    /// operator's `waakvlam status` as the daemon first starts). GRDB reads which migrations are
    /// applied outside the transactions that apply them, so the later of two processes runs a
    /// migration the other has just committed, and fails on it. Such a failure is a race, not a
    /// fault, when the other process got further meanwhile: then we look again. Each retry needs
    /// new progress, so there are at most as many as there are migrations.
    private static func migrate(_ writer: any DatabaseWriter) throws {
        let migrator = DatabaseSchema.migrator
        // Asked in a read first: migrating takes the write lock even when there is nothing to do,
        // and a daemon starting while another process holds that lock should start (and report
        // the lock as it retries its writes) rather than fail.
        func applied() throws -> (identifiers: Set<String>, complete: Bool) {
            try writer.read { db in (try migrator.appliedIdentifiers(db), try migrator.hasCompletedMigrations(db)) }
        }
        var before = try applied()
        while !before.complete {
            do {
                try migrator.migrate(writer)
                return
            } catch {
                let after = try applied()
                guard after.identifiers != before.identifiers else { throw error }
                before = after
            }
        }
    }

    /// Opens (or creates) the database file at `path` in WAL mode.
    ///
    /// A new store is created mode 0640 whatever the umask (it holds residents' data: the
    /// daemon's group may read it, nobody else), and SQLite gives its `-wal` and `-shm` files
    /// the mode of the database file.
    public static func open(path: String) throws -> AppDatabase {
        let isNew = !FileManager.default.fileExists(atPath: path)
        if isNew { try createEmpty(path) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // SQLite's 4 KiB pages for a new database (a no-op on an existing one). With 16 KiB,
            // every small transaction of the running daemon (a socket ingest, a catch-up) wrote
            // four times the WAL, 100 MB/s at 1,000 signals/s, behind which the notice log's
            // fsync stalled for 100 ms and more; bulk ingest was no faster in a paired run
            // (BENCHMARKS.md).
            try db.execute(sql: "PRAGMA page_size = 4096")
            // A new database keeps track of its free pages so that a purge can hand them back to
            // the file system step by step (`PRAGMA incremental_vacuum`, see ``purge(_:at:dryRun:trigger:who:batchSize:)``).
            // This only takes effect before the first table exists, and setting it opens a write
            // transaction, so only the writer of a file that does not exist yet asks: a store
            // created earlier keeps auto_vacuum off and reuses the pages a purge frees for new
            // data instead, so its file stops growing once ingest and purge balance.
            if isNew, !db.configuration.readonly { try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL") }
            // WAL with NORMAL sync is durable across process crashes and loses at
            // most the last transactions on power loss, without an fsync per batch.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A 32 MiB page cache keeps the signal indexes in memory during bulk ingest;
            // with SQLite's 2 MiB default half the ingest time went to re-reading pages.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // Multi-row inserts build small temporary tables; on disk they cost a write per batch.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // The writer checkpoints only every 10,000 pages of WAL (40 MiB)
            // instead of 1,000: bulk ingest rewrote the same index pages into the database ten
            // times as often, each time with an fsync. The daemon checkpoints far more often off
            // the writer's path (``checkpoint()``); this is the backstop.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
        }
        let pool: DatabasePool
        do {
            pool = try openPool(path: path, configuration: configuration)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw StoreError.notADatabase(path: path)
        }
        do {
            return try AppDatabase(pool, checkpointPath: path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw StoreError.notADatabase(path: path)
        }
    }

    /// The mode of the store's files.
    public static let fileMode: mode_t = 0o640

    /// Creates an empty file at `path` with ``fileMode`` (set exactly, past the umask), unless
    /// another process just created it; SQLite makes a database of an empty file.
    private static func createEmpty(_ path: String) throws {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        if descriptor < 0 {
            if errno == EEXIST { return }
            throw StoreError.cannotCreate(path: path, code: errno)
        }
        defer { Glibc.close(descriptor) }
        guard fchmod(descriptor, fileMode) == 0 else { throw StoreError.cannotCreate(path: path, code: errno) }
    }

    /// Opens the pool, waiting up to the busy timeout while another process creates the store.
    /// SQLite does not wait for a lock when it switches a new file to WAL (waiting could
    /// deadlock), so a second process opening the store in that moment gets "database is
    /// locked" at once, where any other write would have waited.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    /// A fresh database in memory, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue())
    }

    private static func checkOwnership(_ writer: any DatabaseWriter) throws {
        try writer.read { db in
            let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            // GRDB creates its bookkeeping table on its own before the first migration sets the
            // id; another process may be between the two.
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name <> 'grdb_migrations'") ?? 0
            if id != applicationID, tables > 0 {
                throw StoreError.foreignDatabase(path: writer.path)
            }
        }
    }

    /// Copies what the WAL holds into the database file without waiting for anyone
    /// (`PRAGMA wal_checkpoint(PASSIVE)`), on a connection of its own: writers go on meanwhile,
    /// and the next one starts the WAL afresh once it was copied whole. Returns the frames in
    /// the WAL and how many of them are now in the database (zeros for a database in memory).
    @discardableResult
    public func checkpoint() throws -> (frames: Int, copied: Int) {
        guard let checkpointPath else { return (0, 0) }
        let queue = try checkpointer.withLock { queue in
            if queue == nil { queue = try DatabaseQueue(path: checkpointPath) }
            return queue!
        }
        return try queue.writeWithoutTransaction { db in
            guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)") else { return (0, 0) }
            return (row[1], row[2])
        }
    }

    /// Closes the connection; later use fails.
    public func close() throws {
        try checkpointer.withLock { try $0?.close() }
        if let pool = writer as? DatabasePool { try pool.close() }
        if let queue = writer as? DatabaseQueue { try queue.close() }
    }
}
