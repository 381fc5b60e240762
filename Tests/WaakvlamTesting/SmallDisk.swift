#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A real, small file system for one test: a tmpfs of a few MiB that is filled to the last
/// byte and freed again, so the daemon meets ENOSPC as it would on a full disk. Mounting needs
/// root (CI runs as root); it is unmounted when the test lets go of it.
public final class SmallDisk: @unchecked Sendable {
    /// Where it is mounted.
    public let path: String
    private var filler: String { path + "/.filler" }

    /// Whether this process may mount one.
    public static var canMount: Bool { geteuid() == 0 }

    /// Mounts a tmpfs of `kibibytes` at `path` (made if missing).
    public init(at path: String, kibibytes: Int) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard mount("tmpfs", path, "tmpfs", 0, "size=\(kibibytes)k,mode=0755") == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM)
        }
    }

    /// Fills what is left with one file, until the kernel says ENOSPC.
    public func fill() throws {
        let descriptor = open(filler, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0x5A, count: 16_384)
        while true {
            let wrote = block.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
            if wrote < 0 {
                if errno == EINTR { continue }
                guard errno == ENOSPC else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                return
            }
        }
    }

    /// Bytes still free.
    public var available: Int64 {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return -1 }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    /// Frees what ``fill()`` took.
    public func free() {
        unlink(filler)
    }

    deinit {
        umount2(path, Int32(MNT_DETACH))
    }
}
