#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A listening socket handed over by systemd socket activation (`waakvlam.socket`, or
/// `systemd-socket-activate`): systemd made, bound and owns it; the server only accepts on it.
public struct PassedSocket: Sendable, Equatable {
    /// The descriptor (3, `SD_LISTEN_FDS_START`).
    public var fd: Int32
    /// Where it is bound, from `getsockname`; nil for an unnamed or abstract socket.
    public var path: String?
}

/// The socket-activation protocol of `sd_listen_fds(3)`, for the first passed descriptor.
public enum SocketActivation {
    /// The first descriptor systemd passes.
    public static let firstDescriptor: Int32 = 3
    static let soDomain: Int32 = 39 // SO_DOMAIN, not imported by Glibc

    /// Takes the listening socket systemd passed to this process, if any.
    ///
    /// Only when `LISTEN_PID` is this process and `LISTEN_FDS` ≥ 1; then descriptor 3 must be a
    /// listening `AF_UNIX` stream socket, or this throws. `LISTEN_PID`, `LISTEN_FDS` and
    /// `LISTEN_FDNAMES` are removed from the environment either way, so child processes do
    /// not take them for theirs, and every passed descriptor is made close-on-exec. Descriptors
    /// after the first are not used (the unit passes one) and are closed.
    public static func takeListener(log: (String) -> Void = { _ in }) throws(SocketServerError) -> PassedSocket? {
        let pidText = getenv("LISTEN_PID").map { String(cString: $0) }
        let countText = getenv("LISTEN_FDS").map { String(cString: $0) }
        unsetenv("LISTEN_PID")
        unsetenv("LISTEN_FDS")
        unsetenv("LISTEN_FDNAMES")
        guard let pidText, let countText else { return nil }
        guard let pid = Int32(pidText), pid == getpid() else {
            log("socket activation: LISTEN_PID \(pidText) is not this process; binding the socket here")
            return nil
        }
        guard let count = Int32(countText), count >= 1 else { return nil }
        for offset in 0..<count {
            let fd = firstDescriptor + offset
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
            if offset > 0 {
                log("socket activation: descriptor \(fd) passed beside the first is not used; closed")
                close(fd)
            }
        }
        return try inspect(firstDescriptor)
    }

    /// Checks that `fd` is a listening `AF_UNIX` stream socket and reads its path.
    public static func inspect(_ fd: Int32) throws(SocketServerError) -> PassedSocket {
        let label = "passed descriptor \(fd)"
        func option(_ name: Int32) throws(SocketServerError) -> Int32 {
            var value: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, name, &value, &length) == 0 else {
                throw .system(operation: "getsockopt", path: label, errno: errno)
            }
            return value
        }
        guard try option(soDomain) == AF_UNIX else { throw .system(operation: "socket activation: not an AF_UNIX socket:", path: label, errno: EAFNOSUPPORT) }
        guard try option(SO_TYPE) == Int32(SOCK_STREAM.rawValue) else {
            throw .system(operation: "socket activation: not a stream socket:", path: label, errno: ESOCKTNOSUPPORT)
        }
        guard try option(SO_ACCEPTCONN) != 0 else { throw .system(operation: "socket activation: not listening:", path: label, errno: EINVAL) }
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw .system(operation: "getsockname", path: label, errno: errno) }
        let pathLength = Int(length) - MemoryLayout<sa_family_t>.size
        let path: String? = withUnsafeBytes(of: &address.sun_path) { raw in
            guard pathLength > 0, raw[0] != 0 else { return nil } // unnamed or abstract
            let bytes = raw.prefix(min(pathLength, raw.count))
            // A path that is not UTF-8 cannot be named faithfully: the descriptor number names it instead.
            return String(validating: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        return PassedSocket(fd: fd, path: path)
    }
}
