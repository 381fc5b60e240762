#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import WaakvlamCore

/// Writes a file whole or not at all: to a hidden temporary name beside it, synced, then renamed.
enum DigestFile {
    /// Why a digest file could not be written.
    struct Failure: ErrnoCarrying, CustomStringConvertible {
        let path: String
        let code: Int32
        var errorNumber: Int32? { code }
        var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
    }

    /// Writes `text` to `path` with `mode` (0640: owner and group read), replacing any file there.
    static func save(_ text: String, to path: String, mode: mode_t = 0o640) throws {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = "\(directory)/.\(name).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Failure(path: temporary, code: errno) }
        var failure: Int32 = 0
        // The umask may have taken bits away: set the mode exactly.
        if fchmod(descriptor, mode) != 0 { failure = errno }
        let bytes = Array(text.utf8)
        var offset = 0
        while failure == 0, offset < bytes.count {
            let wrote = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if wrote < 0 {
                if errno == EINTR { continue }
                failure = errno
            } else {
                offset += wrote
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw Failure(path: path, code: failure)
        }
    }
}
