#if canImport(Glibc)
import Glibc
#endif

extension StateDirectoryLock {
    /// The process holding a lock, as it signed the file.
    public struct Holder: Sendable, Equatable, CustomStringConvertible {
        /// Its process id (0 when the file does not say).
        public var pid: Int32
        /// Its subcommand: `serve`, `ingest`, … (empty when the file does not say).
        public var command: String

        /// Whether the holder is a running daemon (`serve`).
        public var isDaemon: Bool { command == "serve" }

        /// "waakvlam serve, pid 1234", or "another process" when the file does not say.
        public var description: String { pid > 0 ? "waakvlam \(command), pid \(pid)" : "another process" }

        /// A holder as the file names it: "1234 serve".
        public init(pid: Int32, command: String) {
            self.pid = pid
            self.command = command
        }

        /// The holder an open lock file names; nil when it names none (yet), or a process that has
        /// ended (a holder killed with -9 leaves its name behind).
        init?(descriptor: Int32) {
            var bytes = [UInt8](repeating: 0, count: 128)
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            let words = String(decoding: bytes[..<count], as: UTF8.self).split(whereSeparator: \.isWhitespace)
            guard words.count == 2, let pid = Int32(words[0]), pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return nil }
            self.init(pid: pid, command: String(words[1]))
        }
    }

    /// The lock is held by another process.
    public struct Held: Error, CustomStringConvertible {
        /// The lock file.
        public var path: String
        /// Who holds it, when the file says.
        public var holder: Holder?

        public var description: String { "the state directory is locked (\(path)) by \(holder?.description ?? "another process")" }
    }
}
