import Synchronization
import WaakvlamSocket

/// Lets the daemon build the socket server before the handler that needs the level service,
/// which the server's publisher feeds: the handler is set once, right after.
final class SocketHandlerBox: SocketHandler, Sendable {
    private let handler = Mutex<DaemonSocketHandler?>(nil)

    func set(_ value: DaemonSocketHandler) { handler.withLock { $0 = value } }

    func handle(_ request: SocketRequest, peer: PeerCredentials) throws -> [String: JSONValue] {
        guard let handler = handler.withLock({ $0 }) else { throw SocketRequestError("the daemon is starting; try again in a moment") }
        return try handler.handle(request, peer: peer)
    }

    func notices(after id: Int64, limit: Int) throws -> [(id: Int64, line: String)] {
        guard let handler = handler.withLock({ $0 }) else { throw SocketRequestError("the daemon is starting; try again in a moment") }
        return try handler.notices(after: id, limit: limit)
    }
}
