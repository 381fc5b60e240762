#if canImport(Glibc)
import Glibc
#endif
import WaakvlamCore

/// An ingest that could not run at all (as opposed to records that were refused).
public enum IngestFailure: ErrnoCarrying, Sendable, CustomStringConvertible {
    /// The input cannot be opened or read.
    case cannotRead(path: String, reason: String)
    /// A file the daemon writes cannot be written; `code` is the `errno` (a full disk is ENOSPC).
    case cannotWrite(path: String, code: Int32)

    public var errorNumber: Int32? {
        if case .cannotWrite(_, let code) = self { code } else { nil }
    }

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let code): "cannot write \(path): \(FaultDescription.words(errno: code))"
        }
    }
}
