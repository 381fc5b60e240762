#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import WaakvlamCore
import WaakvlamRules
import WaakvlamStore

/// `notices.jsonl`: every notice once, in id order. A notice counts as delivered only after its
/// line is on disk (fsync); the store is marked after that, and at open the file's last line
/// tells which notices a crash between the two had already written, so none is written twice.
public final class NoticeLog: Sendable {
    /// The file.
    public let path: String
    private let database: AppDatabase
    private let timeZone: TimeZone
    private let ladder: [String]
    private let descriptor: Mutex<Int32>

    /// Opens (or creates, mode 0640) the log at `path` and reconciles it with the store.
    public init(path: String, database: AppDatabase, timeZone: TimeZone, ladder: [String]) throws {
        self.path = path
        self.database = database
        self.timeZone = timeZone
        self.ladder = ladder
        try Self.dropTornLine(path)
        descriptor = Mutex(try Self.open(path))
        if let last = try Self.lastID(in: path) {
            try database.markNoticesDelivered(through: last, at: Int64(Date().timeIntervalSince1970))
        }
    }

    deinit {
        descriptor.withLock { if $0 >= 0 { close($0) } }
    }

    /// Opens the file anew: after logrotate moved the old one away (SIGHUP), lines go to a new file.
    public func reopen() throws {
        try descriptor.withLock { current in
            let fresh = try Self.open(path)
            if current >= 0 { close(current) }
            current = fresh
        }
    }

    /// Writes every undelivered notice, syncs the file, then marks them delivered. Returns them.
    /// An exclusive lock on the file keeps a command's delivery and the daemon's from both writing a notice.
    @discardableResult
    public func deliver() throws -> [Notice] {
        try descriptor.withLock { fd in
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else { throw NoticeLogError(path: path, operation: "lock", code: errno) }
            }
            defer { flock(fd, LOCK_UN) }
            let notices = try database.undeliveredNotices()
            guard let last = notices.last else { return [] }
            var text = ""
            for notice in notices { text += NoticeLine(notice, timeZone: timeZone, ladder: ladder).json() + "\n" }
            try Self.writeAll(Array(text.utf8), to: fd)
            guard fsync(fd) == 0 else { throw NoticeLogError(path: path, operation: "fsync", code: errno) }
            try database.markNoticesDelivered(through: last.id, at: Int64(Date().timeIntervalSince1970))
            return notices
        }
    }

    private static func open(_ path: String) throws -> Int32 {
        let fd = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw NoticeLogError(path: path, operation: "open", code: errno) }
        return fd
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw NoticeLogError(path: "notice log", operation: "write", code: errno)
            }
            offset += written
        }
    }

    /// A crash in the middle of a write can leave half a line; it is cut off, and the notice is
    /// written again whole (the store has not marked it delivered).
    private static func dropTornLine(_ path: String) throws {
        guard let handle = FileHandle(forUpdatingAtPath: path) else { return }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        guard size > 0 else { return }
        let start = size > 65_536 ? size - 65_536 : 0
        try handle.seek(toOffset: start)
        let tail = try handle.readToEnd() ?? Data()
        guard tail.last != UInt8(ascii: "\n") else { return }
        let keep = tail.lastIndex(of: UInt8(ascii: "\n")).map { start + UInt64($0 - tail.startIndex) + 1 } ?? start
        try handle.truncate(atOffset: keep)
    }

    /// The id on the last complete line of the file, if any.
    static func lastID(in path: String) throws -> Int64? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        let start = size > 65_536 ? size - 65_536 : 0
        try handle.seek(toOffset: start)
        let tail = try handle.readToEnd() ?? Data()
        let lines = tail.split(separator: UInt8(ascii: "\n"))
        for line in lines.reversed() {
            if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], let id = object["id"] as? Int64 ?? (object["id"] as? Int).map(Int64.init) {
                return id
            }
        }
        return nil
    }
}

/// A notice log operation failed.
public struct NoticeLogError: Error, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What was tried.
    public var operation: String
    /// errno.
    public var code: Int32

    public var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
}
