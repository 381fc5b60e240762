#if canImport(Glibc)
import Glibc
#endif
import Foundation
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamStore

/// The spool: senders move complete files into `inbox/`; each is read once and moved to `processed/`.
///
/// A sender writes under a name starting with `.` or ending in `.part` and
/// renames the file when it is complete; such names are never touched. A
/// file must also have been left unchanged for the settle time, for senders
/// that write in place. Copies in `processed/` and `rejected/` are the daemon's, mode 0640
/// (see ``handOver(_:descriptor:to:)``).
///
/// Anything that is not a regular file is never opened, followed or moved: a symbolic link,
/// FIFO, socket or device node is removed from `inbox/` (what a link points to is untouched)
/// and explained in `rejected/NAME.errors`, so `rejected/` never holds a link; a directory is
/// not a delivery and is left alone.
public struct SpoolDirectory: Sendable {
    let paths: DaemonPaths
    private let ingestor: Ingestor
    private let settleTime: TimeSpan

    /// A spool over the directories in `paths`, feeding `ingestor`.
    public init(paths: DaemonPaths, ingestor: Ingestor, settleTime: TimeSpan) {
        self.paths = paths
        self.ingestor = ingestor
        self.settleTime = settleTime
    }

    /// What one spool file came to.
    public struct Outcome: Sendable {
        /// The file name in `inbox/`.
        public var name: String
        /// The ingest report, or nil when the file was refused whole.
        public var report: IngestReport?
        /// Why the file was refused whole, if it was.
        public var refusal: String?
        /// Where the file went (`processed/…`, `rejected/…`; for what was removed from `inbox/`, its
        /// `rejected/….errors`), or nil when it stays for the next start.
        public var movedTo: String?
    }

    /// Creates `inbox/`, `processed/` and `rejected/` when missing.
    public func prepare() throws {
        for directory in [paths.inboxDirectory, paths.processedDirectory, paths.rejectedDirectory] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        }
    }

    /// Names in `inbox/` that are ready to read at the real time `now`, oldest first.
    public func readyFiles(now: Int64) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: paths.inboxDirectory)
        var ready: [(String, Int64)] = []
        for name in names where Self.isDelivered(name) {
            var info = stat()
            guard lstat(paths.inboxDirectory + "/" + name, &info) == 0 else { continue }
            let modified = Int64(info.st_mtim.tv_sec)
            let isRegular = (info.st_mode & S_IFMT) == S_IFREG
            if (info.st_mode & S_IFMT) == S_IFDIR { continue }
            if isRegular, now - modified < settleTime.seconds { continue }
            ready.append((name, modified))
        }
        return ready.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }

    /// Number of files waiting in `inbox/` (including ones still settling).
    public func backlog() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: paths.inboxDirectory)) ?? []
        return names.filter(Self.isDelivered).count
    }

    /// Whether a name in `inbox/` is a delivered file rather than one a sender is still writing.
    static func isDelivered(_ name: String) -> Bool {
        !name.hasPrefix(".") && !name.hasSuffix(".part")
    }

    /// Reads the inbox file `name` and moves it on.
    ///
    /// When `shouldStop` interrupts it, the file stays in `inbox/` and its
    /// committed progress is kept: the next start resumes after the last
    /// committed line.
    public func process(_ name: String, now: Int64, shouldStop: () -> Bool, onProblem: (IngestProblem) -> Void = { _ in }) throws -> Outcome {
        let path = paths.inboxDirectory + "/" + name
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw IngestFailure.cannotRead(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            return Outcome(name: name, report: nil, refusal: "a directory: not a delivery; left in inbox/", movedTo: nil)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            let kind = (info.st_mode & S_IFMT) == S_IFLNK ? "a symbolic link" : "not a regular file"
            return try refuse(name, reason: "\(kind): senders must move a complete regular file into inbox/; removed from inbox/", now: now, remove: true)
        }
        let file: InputFile
        do {
            file = try InputFile(path: path, noFollow: true)
        } catch {
            return try refuse(name, reason: "\(error)", now: now)
        }
        let identity = "spool:\(name):\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec)"
        let input = Ingestor.Input(source: FileDescriptorSource(descriptor: file.descriptor), name: name, channel: .spool, resumeKey: identity)
        let report = try ingestor.ingest(input, now: now, shouldStop: shouldStop, onProblem: onProblem)
        if report.interrupted { return Outcome(name: name, report: report, refusal: nil, movedTo: nil) }
        let destination = freeName(for: name, in: paths.processedDirectory, now: now)
        try handOver(name, descriptor: file.descriptor, to: destination)
        return Outcome(name: name, report: report, refusal: nil, movedTo: destination)
    }

    /// Explains in `rejected/` why `name` was refused whole, then moves it there (0640), or, when
    /// `remove` (it is no regular file), removes it from `inbox/`.
    private func refuse(_ name: String, reason: String, now: Int64, remove: Bool = false) throws -> Outcome {
        let destination = freeName(for: name, in: paths.rejectedDirectory, now: now)
        let problem = IngestProblem(file: name, line: 0, reason: reason)
        // The explanation is written before the file moves: when it cannot be (a full disk), the
        // file stays in inbox/ and is refused again later, never left in rejected/ unexplained.
        do {
            try Data("\(problem)\n".utf8).write(to: URL(fileURLWithPath: destination + ".errors"), options: .atomic)
        } catch {
            try? FileManager.default.removeItem(atPath: destination + ".errors")
            throw IngestFailure.cannotWrite(path: destination + ".errors", code: ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).map { Int32($0.code) } ?? EIO)
        }
        chmod(destination + ".errors", Self.copyMode)
        if remove {
            guard unlink(paths.inboxDirectory + "/" + name) == 0 || errno == ENOENT else {
                throw IngestFailure.cannotWrite(path: paths.inboxDirectory + "/" + name, code: errno)
            }
            return Outcome(name: name, report: nil, refusal: reason, movedTo: destination + ".errors")
        }
        try move(name, to: destination)
        Self.dropIfLink(destination)
        Self.restrict(destination)
        return Outcome(name: name, report: nil, refusal: reason, movedTo: destination)
    }

    /// `directory/stamp-name`, or `stamp-2-name` and so on when that is taken.
    func freeName(for name: String, in directory: String, now: Int64) -> String {
        let stamp = Self.stamp(now)
        var destination = "\(directory)/\(stamp)-\(name)"
        var attempt = 1
        func taken(_ path: String) -> Bool {
            FileManager.default.fileExists(atPath: path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
        }
        while taken(destination) || taken(destination + ".errors") {
            attempt += 1
            destination = "\(directory)/\(stamp)-\(attempt)-\(name)"
        }
        return destination
    }

    func move(_ name: String, to destination: String) throws {
        guard rename(paths.inboxDirectory + "/" + name, destination) == 0 else {
            throw IngestFailure.cannotWrite(path: destination, code: errno)
        }
    }

    /// `now` as `yyyyMMddTHHmmssZ` (UTC), formatted by hand: a date formatter per name cost
    /// more than storing a one-line socket ingest.
    static func stamp(_ now: Int64) -> String {
        let (date, second) = LocalDate.dayAndSecond(of: now)
        return "\(date)".replacingOccurrences(of: "-", with: "") + "T" + LocalDate.clockTime(second, separator: "") + "Z"
    }
}
