#if canImport(Glibc)
import Glibc
#endif
import Foundation

extension SpoolDirectory {
    /// The mode of every copy the daemon keeps in `processed/` and `rejected/`: they hold
    /// residents' data, so the daemon's group may read them and nobody else, whatever mode the
    /// sender gave the file and whatever the umask.
    public static let copyMode: mode_t = 0o640

    /// Moves the inbox file `name`, read through `descriptor`, to `destination` with
    /// ``copyMode``. A file the daemon's user owns is set to that mode and renamed; one a
    /// sender owns (its owner and group could still read it, and a daemon not run as root
    /// may not change its mode) is copied into a new file of the daemon's, then removed from
    /// `inbox/`.
    func handOver(_ name: String, descriptor: Int32, to destination: String) throws {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw IngestFailure.cannotRead(path: name, reason: String(cString: strerror(errno))) }
        if info.st_uid == geteuid() {
            guard fchmod(descriptor, Self.copyMode) == 0 else { throw IngestFailure.cannotWrite(path: destination, code: errno) }
            try move(name, to: destination)
            Self.dropIfLink(destination)
            return
        }
        try Self.copy(descriptor, to: destination)
        guard unlink(paths.inboxDirectory + "/" + name) == 0 || errno == ENOENT else {
            let code = errno
            unlink(destination)
            throw IngestFailure.cannotWrite(path: paths.inboxDirectory + "/" + name, code: code)
        }
    }

    /// Sets ``copyMode`` on a file just moved to `destination` when the daemon's user may
    /// (it owns it), without following a link.
    static func restrict(_ destination: String) {
        let descriptor = open(destination, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return }
        _ = fchmod(descriptor, copyMode)
        close(descriptor)
    }

    /// Removes `path` again when it is a symbolic link: a sender swapped the file read for one
    /// between the daemon's check and its move, and `rejected/` and `processed/` never hold a link.
    static func dropIfLink(_ path: String) {
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { unlink(path) }
    }

    private static func copy(_ source: Int32, to destination: String) throws {
        let target = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, copyMode)
        guard target >= 0 else { throw IngestFailure.cannotWrite(path: destination, code: errno) }
        defer { close(target) }
        func fail(_ code: Int32) -> IngestFailure {
            unlink(destination)
            return IngestFailure.cannotWrite(path: destination, code: code)
        }
        guard fchmod(target, copyMode) == 0 else { throw fail(errno) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let read = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress, $0.count, offset) }
            if read < 0, errno == EINTR { continue }
            guard read >= 0 else { throw fail(errno) }
            if read == 0 { break }
            var written = 0
            while written < read {
                let count = buffer.withUnsafeBytes { write(target, $0.baseAddress! + written, read - written) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw fail(count < 0 ? errno : EIO) }
                written += count
            }
            offset += off_t(read)
        }
        guard fsync(target) == 0 else { throw fail(errno) }
    }
}
