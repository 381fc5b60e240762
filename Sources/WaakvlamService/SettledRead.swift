#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Reads files only once they have settled: unchanged for ``settleTime`` before the read and
/// unchanged during it. An editor saving over the network, or a copy in progress, leaves a file
/// cut at a line boundary that may well parse; a reload must not take it for the new rules.
struct SettledRead {
    /// How long the files must be unchanged (size, modification time, inode) before they are read.
    var settleTime: Duration = .seconds(1)
    /// How long to wait for files that keep changing before giving up.
    var patience: Duration = .seconds(10)

    /// What was read, or which file kept changing.
    enum Outcome<Value> {
        /// The files as read, settled.
        case settled(Value)
        /// This file changed within the settle time for as long as the read was willing to wait.
        case stillChanging(String)
    }

    /// Runs `read` on `paths` once they have settled, and again when they changed during it
    /// (also when it failed: a file cut short by a writer still at work fails to parse).
    /// `read` returns its value and the files it turned out to read (the configuration names the
    /// rules file), which are then the ones watched.
    func run<Value>(_ paths: [String], _ read: () throws -> (Value, [String])) async throws -> Outcome<Value> {
        var paths = paths
        let deadline = ContinuousClock.now + patience
        while true {
            let before = paths.map(Self.stamp)
            let age = before.compactMap { $0?.age }.min() ?? .seconds(3_600)
            if age < settleTime {
                guard ContinuousClock.now < deadline else { return .stillChanging(youngest(paths, before)) }
                try await Task.sleep(for: settleTime - age + .milliseconds(20))
                continue
            }
            let value: Value, files: [String]
            do {
                (value, files) = try read()
            } catch {
                // A file that changed while it was read failed for that reason, not its content.
                guard paths.map(Self.stamp) != before, ContinuousClock.now < deadline else { throw error }
                continue
            }
            if files == paths, paths.map(Self.stamp) == before { return .settled(value) }
            guard ContinuousClock.now < deadline else { return .stillChanging(youngest(paths, before)) }
            paths = files
        }
    }

    private func youngest(_ paths: [String], _ stamps: [Stamp?]) -> String {
        zip(paths, stamps).min { ($0.1?.age ?? .zero) < ($1.1?.age ?? .zero) }?.0 ?? paths.first ?? ""
    }

    /// What tells one version of a file from another without reading it.
    struct Stamp: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: timespec

        /// How long ago the file was last changed (never negative).
        var age: Duration {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            let nanoseconds = (Int64(now.tv_sec) - Int64(modified.tv_sec)) * 1_000_000_000 + Int64(now.tv_nsec) - Int64(modified.tv_nsec)
            return .nanoseconds(max(0, nanoseconds))
        }

        static func == (lhs: Stamp, rhs: Stamp) -> Bool {
            lhs.device == rhs.device && lhs.inode == rhs.inode && lhs.size == rhs.size
                && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
        }
    }

    /// The file's stamp; nil when it cannot be seen (the read then says why).
    static func stamp(_ path: String) -> Stamp? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Stamp(device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size), modified: status.st_mtim)
    }
}
