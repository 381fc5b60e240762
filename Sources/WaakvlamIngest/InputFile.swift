#if canImport(Glibc)
import Glibc
#endif

/// An input file opened for reading, or standard input for `-`.
public final class InputFile {
    /// The descriptor to read from.
    public let descriptor: Int32
    private let ownsDescriptor: Bool

    /// Opens `path` (without following a final symlink when `noFollow`), or standard input for `-`.
    public init(path: String, noFollow: Bool = false) throws {
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            return
        }
        let flags = O_RDONLY | O_CLOEXEC | (noFollow ? O_NOFOLLOW : 0)
        let opened = Glibc.open(path, flags)
        guard opened >= 0 else { throw IngestFailure.cannotRead(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        if fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(opened)
            throw IngestFailure.cannotRead(path: path, reason: "it is a directory")
        }
        descriptor = opened
        ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { Glibc.close(descriptor) }
    }
}
