import Foundation

/// Another process holding a store's write lock: a `sqlite3` shell inside `BEGIN IMMEDIATE`, the
/// way an operator's open transaction (or a second program) locks out the daemon's writes.
public final class SQLiteLockHolder: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    /// Opens `database` and takes its write lock; returns once the lock is held.
    public init(_ database: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The shell's busy time is 0: while the daemon writes (at start, under load) BEGIN would
        // fail at once and the SELECT still answer. So it waits for the lock, and stops at an error.
        input.fileHandleForWriting.write(Data(".timeout 60000\n.bail on\nBEGIN IMMEDIATE;\nSELECT 'locked';\n".utf8))
        // The shell answers only once BEGIN IMMEDIATE has the lock.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("locked") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: database]) }
            seen += chunk
        }
    }

    /// Ends the transaction and the shell, releasing the lock.
    public func release() {
        guard process.isRunning else { return }
        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
