#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What kind of fault made work fail, in the words an operator acts on.
public enum FaultCause: String, Sendable, Codable, CaseIterable {
    /// The file system has no space (or quota) left.
    case diskFull = "disk full"
    /// Another process holds the database's write lock.
    case databaseLocked = "database locked"
    /// The device reported an I/O error.
    case ioError = "I/O error"
    /// The file system or file is read-only.
    case readOnly = "read-only"
    /// The daemon's user may not write there.
    case permission = "permission denied"
    /// The process (EMFILE) or the system (ENFILE) has no file descriptor left.
    case tooManyFiles = "too many open files"
    /// Anything else.
    case other = "error"

    /// The cause an `errno` value stands for.
    public init(errno code: Int32) {
        switch code {
        case ENOSPC, EDQUOT, EFBIG: self = .diskFull
        case EIO: self = .ioError
        case EROFS: self = .readOnly
        case EACCES, EPERM: self = .permission
        case EMFILE, ENFILE: self = .tooManyFiles
        default: self = .other
        }
    }

    /// The cause of a failure that carries an `errno` (ours do: ``ErrnoCarrying``, Foundation's
    /// underlying POSIX error), or, for an error of another library, that says one in its text;
    /// `.other` if neither. Database errors are told apart in the store (`FaultCause.of` there).
    public init(systemError error: any Error) {
        if let carrying = error as? any ErrnoCarrying, let code = carrying.errorNumber {
            self.init(errno: code)
        } else if let posix = error as? POSIXError {
            self.init(errno: posix.code.rawValue)
        } else if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            self.init(errno: Int32(underlying.code))
        } else {
            let text = "\(error)"
            let code = [ENOSPC, EDQUOT, EFBIG, EIO, EROFS, EACCES, EMFILE, ENFILE].first { text.contains(String(cString: strerror($0))) }
            self = code.map { FaultCause(errno: $0) } ?? .other
        }
    }
}

/// An error from a system call that keeps its `errno`, so its fault can be told exactly.
public protocol ErrnoCarrying: Error {
    /// The `errno` the call failed with (nil for a failure of this type that had none).
    var errorNumber: Int32? { get }
}
