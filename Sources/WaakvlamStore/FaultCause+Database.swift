import GRDB
import WaakvlamCore

extension FaultCause {
    /// The cause of any failure the daemon retries: SQLite's result code for a database error
    /// (SQLITE_FULL, SQLITE_BUSY, …), else the system error it carries or names.
    public static func of(_ error: any Error) -> FaultCause {
        guard let database = error as? DatabaseError else { return FaultCause(systemError: error) }
        switch database.resultCode {
        case .SQLITE_FULL: return .diskFull
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .databaseLocked
        case .SQLITE_IOERR: return .ioError
        case .SQLITE_READONLY: return .readOnly
        case .SQLITE_PERM, .SQLITE_CANTOPEN: return .permission
        default: return .other
        }
    }
}
