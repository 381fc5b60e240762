import GRDB
import GRDBSQLite
import WaakvlamCore

extension FaultDescription {
    /// The words for any failure the daemon reports: a database error by SQLite's message and
    /// result code's name (`database is locked (SQLITE_BUSY)`), without the statement it ran,
    /// else as ``FaultDescription/init(systemError:)`` says a system or Foundation error.
    public static func of(_ error: any Error) -> FaultDescription {
        guard let database = error as? DatabaseError else { return FaultDescription(systemError: error) }
        let name = resultCodeNames[database.resultCode.rawValue].map { "SQLITE_\($0)" } ?? "SQLite result code \(database.resultCode.rawValue)"
        let message = database.message ?? String(cString: sqlite3_errstr(database.resultCode.rawValue))
        return FaultDescription("\(message) (\(name))")
    }

    /// SQLite's primary result codes, by the name its documentation gives them.
    private static let resultCodeNames: [Int32: String] = [
        1: "ERROR", 2: "INTERNAL", 3: "PERM", 4: "ABORT", 5: "BUSY", 6: "LOCKED", 7: "NOMEM", 8: "READONLY",
        9: "INTERRUPT", 10: "IOERR", 11: "CORRUPT", 12: "NOTFOUND", 13: "FULL", 14: "CANTOPEN", 15: "PROTOCOL",
        17: "SCHEMA", 18: "TOOBIG", 19: "CONSTRAINT", 20: "MISMATCH", 21: "MISUSE", 22: "NOLFS", 23: "AUTH",
        25: "RANGE", 26: "NOTADB",
    ]
}
