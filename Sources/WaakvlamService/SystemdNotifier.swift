#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Speaks the systemd notify protocol: datagrams such as `READY=1` to `$NOTIFY_SOCKET`.
///
/// Without `NOTIFY_SOCKET` (not started by systemd) every call does nothing.
public struct SystemdNotifier: Sendable {
    private let socketPath: String?
    /// The watchdog interval systemd asked for, if any.
    public let watchdogInterval: Duration?

    /// A notifier configured from the environment systemd sets.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        let watchdogPID = environment["WATCHDOG_PID"].flatMap(Int32.init)
        if let usec = environment["WATCHDOG_USEC"].flatMap(Int64.init), usec > 0, watchdogPID == nil || watchdogPID == getpid() {
            watchdogInterval = .microseconds(usec)
        } else {
            watchdogInterval = nil
        }
    }

    /// Whether systemd is listening.
    public var isActive: Bool { socketPath != nil }

    /// Sends `state` (lines such as `READY=1`, `STATUS=…`); errors are ignored, as sd_notify does.
    @discardableResult
    public func notify(_ state: String) -> Bool {
        guard let socketPath else { return false }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 } // abstract namespace
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        let message = Array(state.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                message.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, 0, socketAddress, length) }
            }
        }
        return sent == message.count
    }
}
