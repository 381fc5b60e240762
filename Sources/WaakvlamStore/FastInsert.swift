import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through the SQLite C interface.
///
/// Only for the hottest path — one signal insert per feed row — where GRDB's
/// argument arrays of existentials cost more than the insert itself. It runs
/// inside a GRDB transaction on GRDB's connection, so everything else
/// (transactions, errors, closing) stays GRDB's.
struct FastInsert {
    private let statement: Statement
    private let connection: OpaquePointer
    private var index: Int32 = 0
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        connection = db.sqliteConnection!
    }

    /// Starts a new row: resets the statement and its bindings.
    mutating func begin() {
        sqlite3_reset(statement.sqliteStatement)
        sqlite3_clear_bindings(statement.sqliteStatement)
        index = 0
    }

    mutating func bind(_ value: Int64?) {
        index += 1
        if let value { sqlite3_bind_int64(statement.sqliteStatement, index, value) }
    }

    mutating func bind(_ value: Int?) { bind(value.map(Int64.init)) }

    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    mutating func bind(_ value: String?) {
        index += 1
        guard var value else { return }
        let statement = self.statement.sqliteStatement, index = self.index
        value.withUTF8 { bytes in
            // An empty string still needs a non-null pointer, or SQLite binds NULL.
            let pointer = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self)
            _ = sqlite3_bind_text(statement, index, pointer, Int32(bytes.count), Self.transient)
        }
    }

    /// Runs the row; returns how many rows it changed (0 for an ignored conflict).
    func step() throws -> Int {
        let code = sqlite3_step(statement.sqliteStatement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql)
        }
        return Int(sqlite3_changes(connection))
    }
}
