#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A datagram socket listening as systemd does for `sd_notify` messages.
public final class NotifyListener: @unchecked Sendable {
    /// The socket path to put in `NOTIFY_SOCKET`.
    public let path: String
    private let descriptor: Int32
    private var received: [String] = []

    /// Binds a socket at `path`.
    public init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw NSError(domain: "NotifyListener", code: Int(errno)) }
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// Waits up to `timeout` seconds for a message containing `text`; returns every message seen so far.
    public func waitFor(_ text: String, timeout: Double) -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while !received.contains(where: { $0.contains(text) }) && Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count > 0 { received.append(String(decoding: buffer[0..<count], as: UTF8.self)) }
        }
        return received
    }
}
