#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import WaakvlamCore
import WaakvlamRules
import WaakvlamStore

/// `notices.jsonl`: every notice once, in id order. A notice counts as delivered once its line
/// is on disk (fsync). The file itself says what it holds: after its last line come the notices
/// still to write, so a crash between writing and marking the store writes none twice.
///
/// The store's `delivered_at` follows the file: at once for a command, and at most a second
/// behind for the daemon, whose every delivery round would otherwise pay a write transaction
/// that competes with ingest for the database.
public final class NoticeLog: Sendable {
    /// The file.
    public let path: String
    private let database: AppDatabase
    private let timeZone: TimeZone
    private let ladder: [String]
    private let markEvery: Double
    private let state: Mutex<State>

    private struct State {
        /// -1 while the file could not be opened (see ``init(path:database:timeZone:ladder:markEvery:)``).
        var descriptor: Int32
        /// The last notice this process wrote and the file's size after it: while the size is
        /// unchanged, nobody else wrote, and the file's last line need not be read again.
        var written: (id: Int64, size: Int64)?
        var markedThrough: Int64 = 0
        var markedAt: Double = 0
    }

    /// Opens (or creates, mode 0640) the log at `path` and reconciles it with the store.
    /// `markEvery` (seconds) is how far the store's delivered marks may lag behind the file.
    ///
    /// A file that cannot be opened (left unwritable by another user, a read-only directory) is
    /// no reason not to start: it is opened again at each ``deliver()``, which throws until it
    /// can be, so the daemon treats it as any other failing delivery (a fault with back-off), and
    /// the notices wait in the store meanwhile.
    public init(path: String, database: AppDatabase, timeZone: TimeZone, ladder: [String], markEvery: Double = 0) throws {
        self.path = path
        self.database = database
        self.timeZone = timeZone
        self.ladder = ladder
        self.markEvery = markEvery
        var state = State(descriptor: -1, markedThrough: try database.lastDeliveredNoticeID())
        if let descriptor = try? Self.open(path) { try Self.attach(descriptor, to: &state, database: database) }
        self.state = Mutex(state)
    }

    /// Makes `descriptor` the log's file: cuts a torn last line and marks in the store what the
    /// file holds beyond its marks. Closes it and throws when that fails.
    private static func attach(_ descriptor: Int32, to state: inout State, database: AppDatabase) throws {
        do {
            let complete = try dropTornLine(descriptor)
            if let last = lastID(in: complete), last > state.markedThrough {
                try database.markNoticesDelivered(after: state.markedThrough, through: last, at: Int64(Date().timeIntervalSince1970))
                state.markedThrough = last
            }
            state.descriptor = descriptor
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit {
        state.withLock { if $0.descriptor >= 0 { close($0.descriptor) } }
    }

    /// Opens the file anew: after logrotate moved the old one away (SIGUSR1), lines go to a new file.
    public func reopen() throws {
        try state.withLock { state in
            let fresh = try Self.open(path)
            guard state.descriptor >= 0 else { return try Self.attach(fresh, to: &state, database: database) }
            close(state.descriptor)
            state.descriptor = fresh
            // The new file's last line says nothing about what the old one held: the store does.
            if let written = state.written { try mark(&state, through: written.id) }
            state.written = nil
        }
    }

    /// Writes every notice after the log's last line, syncs the file, then (see `markEvery`)
    /// marks them delivered in the store. An exclusive lock on the file keeps a command's
    /// delivery and the daemon's from both writing a notice.
    @discardableResult
    public func deliver() throws -> [Notice] {
        try state.withLock { state in
            if state.descriptor < 0 { try Self.attach(try Self.open(path), to: &state, database: database) }
            let fd = state.descriptor
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else { throw NoticeLogError(path: path, operation: "lock", code: errno) }
            }
            defer { flock(fd, LOCK_UN) }
            var size = try Self.size(of: fd, path: path)
            var from: Int64
            if let written = state.written, written.size == size {
                from = written.id
            } else {
                from = max(try Self.lastID(descriptor: fd) ?? 0, try database.lastDeliveredNoticeID())
            }
            state.written = (from, size)
            // In chunks, each written whole and synced before the next: a disk with room for part
            // of a long backlog (after an outage) takes that part, and memory stays bounded.
            var delivered: [Notice] = []
            while true {
                let notices = try database.storedNotices(after: from, limit: Self.chunk)
                guard let last = notices.last else { break }
                var text = ""
                for notice in notices { text += NoticeLine(notice, timeZone: timeZone, ladder: ladder).json() + "\n" }
                let bytes = Array(text.utf8)
                do {
                    try Self.writeAll(bytes, to: fd)
                    guard fsync(fd) == 0 else { throw NoticeLogError(path: path, operation: "fsync", code: errno) }
                } catch {
                    // A full disk can leave part of a line: cut the file back, so the next round
                    // writes these notices again whole after the last complete line.
                    _ = ftruncate(fd, off_t(size))
                    throw error
                }
                size += Int64(bytes.count)
                from = last.id
                state.written = (from, size)
                delivered += notices
                if notices.count < Self.chunk { break }
            }
            let through = from
            if through > state.markedThrough, Date().timeIntervalSince1970 - state.markedAt >= markEvery {
                try mark(&state, through: through)
            }
            return delivered
        }
    }

    /// The most notices written (and synced) at once.
    static let chunk = 1_000

    /// Brings the store's delivered marks up to the file (at shutdown, when they may lag).
    public func markWritten() throws {
        try state.withLock { state in
            if let written = state.written, written.id > state.markedThrough { try mark(&state, through: written.id) }
        }
    }

    private func mark(_ state: inout State, through id: Int64) throws {
        let now = Date().timeIntervalSince1970
        try database.markNoticesDelivered(after: state.markedThrough, through: id, at: Int64(now))
        state.markedThrough = id
        state.markedAt = now
    }

    private static func size(of fd: Int32, path: String) throws -> Int64 {
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw NoticeLogError(path: path, operation: "stat", code: errno) }
        return Int64(status.st_size)
    }

    private static func open(_ path: String) throws -> Int32 {
        // Read as well as write: the file's last line says which notice it holds last.
        let fd = Glibc.open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
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
    /// written again whole (the store has not marked it delivered). Returns the file's tail
    /// as it then stands.
    private static func dropTornLine(_ fd: Int32) throws -> ArraySlice<UInt8> {
        let (start, tail) = try self.tail(of: fd)
        guard let last = tail.last, last != UInt8(ascii: "\n") else { return tail }
        let keep = tail.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? tail.startIndex
        guard ftruncate(fd, off_t(start) + off_t(keep - tail.startIndex)) == 0 else { throw NoticeLogError(path: "notice log", operation: "truncate", code: errno) }
        return tail[..<keep]
    }

    /// The id on the last complete line of the open file, if any.
    static func lastID(descriptor fd: Int32) throws -> Int64? {
        lastID(in: try tail(of: fd).bytes)
    }

    /// The id on the last line of `tail` that is a notice.
    private static func lastID(in tail: ArraySlice<UInt8>) -> Int64? {
        for line in tail.split(separator: UInt8(ascii: "\n")).reversed() {
            if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], let id = object["id"] as? Int64 ?? (object["id"] as? Int).map(Int64.init) {
                return id
            }
        }
        return nil
    }

    /// The last 64 KiB of the open file (all of it when shorter) and their offset, read with
    /// pread: the descriptor's append offset is not moved.
    private static func tail(of fd: Int32) throws -> (start: Int64, bytes: ArraySlice<UInt8>) {
        let size = try self.size(of: fd, path: "notice log")
        let start = max(0, size - 65_536)
        var tail = [UInt8](repeating: 0, count: Int(size - start))
        var done = 0
        while done < tail.count {
            let count = tail[done...].withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(start) + off_t(done)) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw NoticeLogError(path: "notice log", operation: "read", code: errno) }
            if count == 0 { break }
            done += count
        }
        return (start, tail[..<done])
    }
}

/// A notice log operation failed.
public struct NoticeLogError: ErrnoCarrying, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What was tried.
    public var operation: String
    /// errno.
    public var code: Int32

    /// The errno, for telling a full disk from other faults.
    public var errorNumber: Int32? { code }

    public var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
}
