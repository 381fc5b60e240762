#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A failure in an operator's words, as the journal, the STATUS line and `status` show it:
/// what could not be done, where, and why by its errno, e.g. `cannot read /var/lib/waakvlam/inbox:
/// too many open files (EMFILE)`, never a Foundation error dump (`Error Domain=NSCocoaErrorDomain
/// Code=256 … UserInfo={…}`), whose code and domain say nothing to the one who must act.
public struct FaultDescription: Sendable, CustomStringConvertible, Equatable {
    /// The words.
    public let description: String

    /// Words given as they are (a database error told apart in the store, for one).
    public init(_ words: String) {
        description = words
    }

    /// The words for a failure of a system call or of Foundation's file functions; an error of
    /// our own (which says where and why itself) keeps its own description.
    public init(systemError error: any Error) {
        if let posix = error as? POSIXError {
            description = Self.words(errno: posix.code.rawValue)
        } else if let cocoa = error as? CocoaError {
            description = Self.foundationWords(cocoa as NSError)
        } else if type(of: error as Any) is NSError.Type {
            description = Self.foundationWords(error as NSError)
        } else {
            description = "\(error)"
        }
    }

    /// `errno` as a person reads it, with its symbolic name: `too many open files (EMFILE)`.
    public static func words(errno code: Int32) -> String {
        let text = String(cString: strerror(code))
        let lowered = text.prefix(1).lowercased() + text.dropFirst()
        return errnoNames[code].map { "\(lowered) (\($0))" } ?? "\(lowered) (errno \(code))"
    }

    /// The symbolic names of the errno values a daemon meets on files, sockets and memory.
    static let errnoNames: [Int32: String] = [
        EPERM: "EPERM", ENOENT: "ENOENT", EINTR: "EINTR", EIO: "EIO", ENXIO: "ENXIO", E2BIG: "E2BIG", EBADF: "EBADF",
        EAGAIN: "EAGAIN", ENOMEM: "ENOMEM", EACCES: "EACCES", EFAULT: "EFAULT", EBUSY: "EBUSY", EEXIST: "EEXIST",
        EXDEV: "EXDEV", ENODEV: "ENODEV", ENOTDIR: "ENOTDIR", EISDIR: "EISDIR", EINVAL: "EINVAL", ENFILE: "ENFILE",
        EMFILE: "EMFILE", ETXTBSY: "ETXTBSY", EFBIG: "EFBIG", ENOSPC: "ENOSPC", ESPIPE: "ESPIPE", EROFS: "EROFS",
        EMLINK: "EMLINK", EPIPE: "EPIPE", ENAMETOOLONG: "ENAMETOOLONG", ENOTEMPTY: "ENOTEMPTY", ELOOP: "ELOOP",
        EDQUOT: "EDQUOT", ESTALE: "ESTALE", ETIMEDOUT: "ETIMEDOUT", ECONNREFUSED: "ECONNREFUSED",
        ECONNRESET: "ECONNRESET", EADDRINUSE: "EADDRINUSE", ENOTSOCK: "ENOTSOCK", ENOBUFS: "ENOBUFS",
    ]

    /// Foundation's file errors: what it was doing (its code's range), the path, and the errno
    /// underneath (or the one its code stands for).
    private static func foundationWords(_ error: NSError) -> String {
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        let underlying = (error.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
        let code = underlying ?? (error.domain == NSPOSIXErrorDomain ? Int32(error.code) : impliedErrno[error.code])
        let why = code.map(words(errno:))
        guard error.domain == NSCocoaErrorDomain else {
            return why ?? "\(error.domain) error \(error.code)"
        }
        let doing = (512..<1024).contains(error.code) ? "cannot write" : (256..<512).contains(error.code) ? "cannot read" : "file operation failed"
        return [doing + (path.map { " " + $0 } ?? ""), why].compactMap { $0 }.joined(separator: ": ")
    }

    /// The errno a Foundation file error code stands for when it carries none.
    private static let impliedErrno: [Int: Int32] = [
        CocoaError.fileNoSuchFile.rawValue: ENOENT, CocoaError.fileReadNoSuchFile.rawValue: ENOENT,
        CocoaError.fileReadNoPermission.rawValue: EACCES, CocoaError.fileWriteNoPermission.rawValue: EACCES,
        CocoaError.fileWriteOutOfSpace.rawValue: ENOSPC, CocoaError.fileWriteVolumeReadOnly.rawValue: EROFS,
        CocoaError.fileReadTooLarge.rawValue: EFBIG, CocoaError.fileWriteFileExists.rawValue: EEXIST,
    ]
}
