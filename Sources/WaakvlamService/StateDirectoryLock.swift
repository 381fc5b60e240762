#if canImport(Glibc)
import Glibc
#endif
import Foundation
import WaakvlamCore

/// `waakvlam.lock` in the state directory: an exclusive `flock` that `serve` holds for its life
/// and every direct command that writes holds while it works, so that one process at a time
/// writes a state directory, whatever has become of the socket file.
///
/// The holder writes its pid and command into the file, so that whoever finds the lock taken can
/// name it. The file is never removed: the lock, not the file's existence, is what counts. The
/// state directory itself is locked too, so that a lock file deleted by hand under a running
/// daemon does not let a second one in on a new file.
public final class StateDirectoryLock: Sendable {
    /// The lock file's name in the state directory.
    public static let fileName = "waakvlam.lock"

    /// The lock file.
    public let path: String
    private let descriptor: Int32
    private let directory: Int32

    private init(path: String, descriptor: Int32, directory: Int32) {
        self.path = path
        self.descriptor = descriptor
        self.directory = directory
    }

    deinit {
        close(descriptor)
        close(directory)
    }

    /// Takes the lock for `command` (`serve`, `ingest`, …), creating the state directory and the
    /// lock file (0640) when they are missing. Throws ``Held`` at once when a daemon holds it; while
    /// another command holds it, waits up to `patience` for it to finish, then throws ``Held``.
    public static func take(stateDirectory: String, command: String, patience: Duration = .zero) throws -> StateDirectoryLock {
        let path = stateDirectory + "/" + fileName
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        let directory = Glibc.open(stateDirectory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw StateDirectoryLockError(path: stateDirectory, operation: "open", code: errno) }
        let descriptor: Int32
        do { descriptor = try open(path, stateDirectory: stateDirectory) } catch {
            close(directory)
            throw error
        }
        let deadline = ContinuousClock.now + patience
        while true {
            // The file first, then the directory; a process holding one but not the other lets go.
            var code: Int32 = 0
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                code = errno
            } else if flock(directory, LOCK_EX | LOCK_NB) != 0 {
                code = errno
                flock(descriptor, LOCK_UN)
            }
            if code == 0 { break }
            if code == EINTR { continue }
            let holder = Holder(descriptor: descriptor)
            // A daemon does not finish by itself; a file not yet written may be one starting.
            if code != EWOULDBLOCK || holder?.isDaemon == true || ContinuousClock.now >= deadline {
                close(descriptor)
                close(directory)
                if code != EWOULDBLOCK { throw StateDirectoryLockError(path: path, operation: "lock", code: code) }
                throw Held(path: path, holder: holder)
            }
            usleep(50_000)
        }
        let lock = StateDirectoryLock(path: path, descriptor: descriptor, directory: directory)
        lock.sign(command)
        return lock
    }

    /// Who holds the lock of `stateDirectory` now, as far as its file says: the live process it
    /// names (nil when none, or when it cannot be read). Only looks: trying the lock to find out
    /// would, for that moment, refuse a daemon that starts.
    public static func holder(of stateDirectory: String) -> Holder? {
        let descriptor = Glibc.open(stateDirectory + "/" + fileName, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return Holder(descriptor: descriptor)
    }

    /// Gives the lock up (also done when the process ends, however it ends), unsigning the file first.
    public func release() {
        _ = ftruncate(descriptor, 0)
        flock(directory, LOCK_UN)
        flock(descriptor, LOCK_UN)
    }

    /// Writes "pid command" over whatever an earlier holder left. A lock file the holder may only
    /// read (left by another user) still locks; it then names no holder.
    private func sign(_ command: String) {
        let text = Array("\(getpid()) \(command)\n".utf8)
        guard ftruncate(descriptor, 0) == 0 else { return }
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    private static func open(_ path: String, stateDirectory: String) throws -> Int32 {
        // Close-on-exec: a child (sendmail) must not keep the daemon's lock after it ends.
        var descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
        if descriptor < 0, errno == EACCES || errno == EROFS {
            descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        }
        guard descriptor >= 0 else { throw StateDirectoryLockError(path: path, operation: "open", code: errno) }
        var status = stat(), directory = stat()
        if fstat(descriptor, &status) == 0, status.st_uid == geteuid() {
            // Whatever the umask; and a file root creates belongs to the state directory's owner,
            // whose daemon must be able to take it next.
            _ = fchmod(descriptor, 0o640)
            if geteuid() == 0, stat(stateDirectory, &directory) == 0, directory.st_uid != 0 {
                _ = fchown(descriptor, directory.st_uid, directory.st_gid)
            }
        }
        return descriptor
    }
}
