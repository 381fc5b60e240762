/// One request line, parsed: `{"op": "...", "id": ..., ...}`.
public struct SocketRequest: Sendable, Equatable {
    /// The operation (already checked against the peer's access).
    public var operation: SocketOperation
    /// The request's `id`, echoed in the response; any JSON value.
    public var id: JSONValue?
    /// Every member of the request object except `op` and `id`.
    public var body: [String: JSONValue]

    public var op: String { operation.rawValue }

    public init(operation: SocketOperation, id: JSONValue? = nil, body: [String: JSONValue] = [:]) {
        self.operation = operation
        self.id = id
        self.body = body
    }
}

/// What answers the socket's requests. Called on a handler queue, never on the event loop,
/// so it may be slow; calls for different connections may run at the same time.
public protocol SocketHandler: Sendable {
    /// Answers `status`, `explain`, `ack` and `ingest`: the members of the response object.
    /// The server adds `"ok": true` and the request's `id` (and overrides those keys if returned).
    /// A thrown error becomes `{"ok":false,"error":"<the error's description>"}`, with a
    /// ``SocketRequestError``'s `fields` beside it.
    func handle(_ request: SocketRequest, peer: PeerCredentials) throws -> [String: JSONValue]

    /// Notices with id > `after`, oldest first, at most `limit`: the backlog `subscribe` sends
    /// before live notices. Each line is the notice's JSON text (one JSON value, usually an object).
    /// A notice must be visible here before it is passed to `SocketServer.publish`.
    func notices(after id: Int64, limit: Int) throws -> [(id: Int64, line: String)]
}

/// An error whose message is meant for the client as is.
public struct SocketRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// More members of the error answer beside `error` (a refused reload's `problems`).
    public var fields: [String: JSONValue]
    public init(_ message: String, fields: [String: JSONValue] = [:]) {
        self.message = message
        self.fields = fields
    }
    public var description: String { message }
}

/// Why the server could not start.
public enum SocketServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Something that is not a socket is at the path; it is left alone.
    case notASocket(path: String)
    /// Another server is accepting connections at the path.
    case inUse(path: String)
    /// The path does not fit in `sockaddr_un`.
    case pathTooLong(path: String, maximumBytes: Int)
    /// A system call failed.
    case system(operation: String, path: String, errno: Int32)
    /// `start` was called twice, or after `stop`.
    case alreadyStarted

    public var description: String {
        switch self {
        case .notASocket(let path): "\(path) exists and is not a socket; refusing to remove it"
        case .inUse(let path): "another server is listening on \(path)"
        case .pathTooLong(let path, let maximum): "socket path \(path) is longer than \(maximum) bytes"
        case .system(let operation, let path, let code): "\(operation) \(path): \(Posix.errorText(code))"
        case .alreadyStarted: "the socket server was already started"
        }
    }
}
