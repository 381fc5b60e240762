#if canImport(Glibc)
import Glibc
#endif
import Crypto
import Foundation

/// Keyed pseudonyms for log lines and the journal: the same household always gets the same
/// short code, and without the key (readable only by the daemon's user) the code says nothing.
public struct Pseudonymizer: Sendable {
    private let key: SymmetricKey

    /// Reads the key from `path`, creating a random one (mode 0600) the first time.
    public init(keyFile path: String) throws {
        if let data = FileManager.default.contents(atPath: path), data.count == 32 {
            key = SymmetricKey(data: data)
            return
        }
        let fresh = SymmetricKey(size: .bits256)
        let bytes = fresh.withUnsafeBytes { Data($0) }
        // Written under a temporary name and renamed, so a half-written key never exists; created
        // 0600 and set so past the umask, so it is never readable by others, not even for a moment.
        let temporary = path + ".tmp"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw KeyFileError(path: temporary, code: errno) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let code = written != bytes.count ? (written < 0 ? errno : EIO) : fchmod(descriptor, 0o600) != 0 || fsync(descriptor) != 0 ? errno : 0
        close(descriptor)
        guard code == 0, rename(temporary, path) == 0 else {
            let failure = code != 0 ? code : errno
            unlink(temporary)
            throw KeyFileError(path: path, code: failure)
        }
        key = fresh
    }

    /// The pseudonym of a resident or building reference, e.g. `p-3f9a1c0b7e42`.
    public func pseudonym(of reference: String, kind: String = "resident") -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("\(kind):\(reference)".utf8), using: key)
        return "p-" + code.prefix(6).map { String(format: "%02x", $0) }.joined()
    }
}
