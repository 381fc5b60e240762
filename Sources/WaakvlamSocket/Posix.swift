#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// umask is per process: binding holds this lock while the umask is narrowed.
private let umaskLock = Mutex(())

/// Thin wrappers around the socket system calls (Linux).
enum Posix {
    static let fileTypeMask: UInt32 = 0o170000
    static let socketType: UInt32 = 0o140000
    static let soPeerGroups: Int32 = 59

    static func errorText(_ code: Int32) -> String {
        if let text = strerror(code) { return String(cString: text) }
        return "errno \(code)"
    }

    static func setNonBlockingCloseOnExec(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        let fdFlags = fcntl(fd, F_GETFD)
        _ = fcntl(fd, F_SETFD, fdFlags | FD_CLOEXEC)
    }

    static func streamSocket() -> Int32 {
        socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    }

    static func address(_ path: String) throws(SocketServerError) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity, !bytes.isEmpty else { throw .pathTooLong(path: path, maximumBytes: capacity - 1) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    static func connect(_ fd: Int32, _ address: sockaddr_un) -> Int32 {
        var address = address
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }

    static func bind(_ fd: Int32, _ address: sockaddr_un) -> Int32 {
        var address = address
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }

    struct FileIdentity: Sendable, Equatable { var device: UInt64; var inode: UInt64 }

    /// The file at `path` without following a symbolic link: its type bits, mode and identity; nil if there is none.
    static func lstatFile(_ path: String) throws(SocketServerError) -> (mode: UInt32, identity: FileIdentity)? {
        var info = stat()
        if lstat(path, &info) != 0 {
            let code = errno
            if code == ENOENT { return nil }
            throw .system(operation: "lstat", path: path, errno: code)
        }
        return (UInt32(info.st_mode), FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
    }

    /// Removes a stale socket at `path`: refuses anything that is not a socket, and a socket
    /// that a live server still accepts connections on.
    static func removeStaleSocket(_ path: String, address: sockaddr_un) throws(SocketServerError) {
        guard let existing = try lstatFile(path) else { return }
        guard existing.mode & fileTypeMask == socketType else { throw .notASocket(path: path) }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard probe >= 0 else { throw .system(operation: "socket", path: path, errno: errno) }
        let result = connect(probe, address)
        let code = errno
        close(probe)
        if result == 0 || code == EAGAIN || code == EINPROGRESS { throw .inUse(path: path) }
        guard code == ECONNREFUSED || code == ENOENT else { throw .system(operation: "connect (probing an existing socket)", path: path, errno: code) }
        if unlink(path) != 0, errno != ENOENT { throw .system(operation: "unlink stale socket", path: path, errno: errno) }
    }

    /// Creates the listening socket at `path` with at most `mode` (never world bits), optionally
    /// owned by `group`. The umask is narrowed while binding, so the file never exists with a wider mode.
    static func listeningSocket(path: String, mode: UInt32, group: UInt32?, backlog: Int32) throws(SocketServerError) -> (fd: Int32, identity: FileIdentity) {
        let address = try address(path)
        try removeStaleSocket(path, address: address)
        let fd = streamSocket()
        guard fd >= 0 else { throw .system(operation: "socket", path: path, errno: errno) }
        let mode = mode & 0o770
        // Linux takes the new file's mode from the socket inode (and the umask): narrow both.
        _ = fchmod(fd, mode_t(mode))
        let (bound, bindErrno) = umaskLock.withLock { _ in
            let previous = umask(mode_t(~mode & 0o777))
            let result = bind(fd, address)
            let code = errno
            umask(previous)
            return (result, code)
        }
        guard bound == 0 else {
            close(fd)
            if bindErrno == EADDRINUSE { throw .inUse(path: path) }
            throw .system(operation: "bind", path: path, errno: bindErrno)
        }
        func fail(_ operation: String, _ code: Int32) -> SocketServerError {
            close(fd)
            unlink(path)
            return .system(operation: operation, path: path, errno: code)
        }
        if let group, chown(path, uid_t(bitPattern: -1), gid_t(group)) != 0 { throw fail("chown", errno) }
        guard let created = try? lstatFile(path), created.mode & fileTypeMask == socketType else { throw fail("lstat", errno) }
        if created.mode & 0o007 != 0 { throw fail("socket mode", EPERM) }
        setNonBlockingCloseOnExec(fd)
        guard Glibc.listen(fd, backlog) == 0 else { throw fail("listen", errno) }
        return (fd, created.identity)
    }

    /// The soft limit on open files (RLIMIT_NOFILE); nil when unlimited or unknown.
    static func openFileLimit() -> Int? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: limit.rlim_cur)
    }

    /// The peer's credentials; nil if the kernel will not say.
    static func peerCredentials(_ fd: Int32) -> PeerCredentials? {
        var raw: (Int32, UInt32, UInt32) = (0, 0, 0)
        var length = socklen_t(MemoryLayout<(Int32, UInt32, UInt32)>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &raw, &length) == 0 else { return nil }
        var credentials = PeerCredentials(pid: raw.0, uid: raw.1, gid: raw.2)
        var groups = [gid_t](repeating: 0, count: 64)
        var groupsLength = socklen_t(groups.count * MemoryLayout<gid_t>.size)
        var result = groups.withUnsafeMutableBytes { getsockopt(fd, SOL_SOCKET, soPeerGroups, $0.baseAddress, &groupsLength) }
        if result != 0, errno == ERANGE, groupsLength > 0, groupsLength < 1 << 20 {
            groups = [gid_t](repeating: 0, count: Int(groupsLength) / MemoryLayout<gid_t>.size + 1)
            groupsLength = socklen_t(groups.count * MemoryLayout<gid_t>.size)
            result = groups.withUnsafeMutableBytes { getsockopt(fd, SOL_SOCKET, soPeerGroups, $0.baseAddress, &groupsLength) }
        }
        if result == 0 {
            let count = min(groups.count, Int(groupsLength) / MemoryLayout<gid_t>.size)
            var all = [credentials.gid]
            for group in groups.prefix(count) where !all.contains(UInt32(group)) { all.append(UInt32(group)) }
            credentials.groups = all
        }
        return credentials
    }
}
