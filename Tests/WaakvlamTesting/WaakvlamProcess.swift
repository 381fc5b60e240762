#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The real `waakvlam` binary run as a child process, for behaviour that is about processes.
public final class WaakvlamProcess: @unchecked Sendable {
    private let process = Process()
    private let stdoutFile: String
    private let stderrFile: String

    /// Starts `waakvlam arguments…` with extra environment variables; `wrapper` (e.g. `setpriv`
    /// and its options) runs the binary when given.
    public init(_ arguments: [String], environment: [String: String] = [:], in directory: TemporaryDirectory, stdin: String? = nil,
                wrapper: [String] = []) throws {
        let id = UUID().uuidString.prefix(8)
        stdoutFile = directory.file("stdout-\(id)")
        stderrFile = directory.file("stderr-\(id)")
        _ = FileManager.default.createFile(atPath: stdoutFile, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile, contents: nil)
        let command = wrapper + [Repository.binary] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.removeValue(forKey: "JOURNAL_STREAM")
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = FileHandle(forWritingAtPath: stdoutFile)
        process.standardError = FileHandle(forWritingAtPath: stderrFile)
        if let stdin {
            let pipe = Pipe()
            process.standardInput = pipe
            try process.run()
            pipe.fileHandleForWriting.write(Data(stdin.utf8))
            try pipe.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
    }

    /// Runs `waakvlam arguments…` to completion and returns exit status, stdout and stderr.
    public static func run(_ arguments: [String], in directory: TemporaryDirectory, stdin: String? = nil,
                           environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try WaakvlamProcess(arguments, environment: environment, in: directory, stdin: stdin)
        let status = child.waitForExit(timeout: 120) ?? -1
        return (status, child.standardOutput, child.standardError)
    }

    /// The child's process id.
    public var pid: Int32 { process.processIdentifier }

    /// Sends `signal` to the child.
    public func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits up to `timeout` seconds; returns the exit status (128+signal when killed), or nil on time-out.
    public func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { return nil }
            usleep(20_000)
        }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Everything written to standard output so far.
    public var standardOutput: String { (try? String(contentsOfFile: stdoutFile, encoding: .utf8)) ?? "" }
    /// Everything written to standard error so far.
    public var standardError: String { (try? String(contentsOfFile: stderrFile, encoding: .utf8)) ?? "" }

    /// Waits until `condition` holds (checked every 20 ms) or `timeout` seconds pass.
    public static func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            if Date() > deadline { return false }
            usleep(20_000)
        }
        return true
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
