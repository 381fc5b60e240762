import Foundation

/// The `sqlite3` command-line shell, run against a store the way an operator would: a process of
/// its own, independent of waakvlam's code.
public enum SQLiteShell {
    /// Runs `command` (SQL or a dot-command) on `database`; returns exit status, stdout and stderr.
    @discardableResult
    public static func run(_ database: String, _ command: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, command]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// The single integer `sql` answers (-1 when it answers none).
    public static func integer(_ database: String, _ sql: String) throws -> Int {
        Int(try run(database, sql).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Every line `sql` answers.
    public static func lines(_ database: String, _ sql: String) throws -> [String] {
        try run(database, sql).stdout.split(separator: "\n").map(String.init)
    }
}
