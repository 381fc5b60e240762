import GRDB
import WaakvlamStore

extension AppDatabase {
    /// The integer answer to `sql` (a count, an id), for assertions.
    public func integer(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try writer.read { try Int.fetchOne($0, sql: sql, arguments: arguments) ?? 0 }
    }

    /// Runs `sql` (test set-up only).
    public func execute(_ sql: String) throws {
        try writer.write { try $0.execute(sql: sql) }
    }

    /// The text column of every row `sql` returns, for assertions.
    public func texts(_ sql: String, _ arguments: StatementArguments = []) throws -> [String?] {
        try writer.read { try String?.fetchAll($0, sql: sql, arguments: arguments) }
    }
}
