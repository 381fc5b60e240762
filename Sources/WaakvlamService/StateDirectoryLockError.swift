#if canImport(Glibc)
import Glibc
#endif
import WaakvlamCore

/// The lock file could not be opened or locked (not: it is held, see ``StateDirectoryLock/Held``).
public struct StateDirectoryLockError: ErrnoCarrying, CustomStringConvertible {
    /// The lock file.
    public var path: String
    /// What was tried.
    public var operation: String
    /// errno.
    public var code: Int32

    /// The errno, for telling a read-only state directory from other faults.
    public var errorNumber: Int32? { code }

    public var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
}
