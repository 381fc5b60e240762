/// Why a request line was refused before it reached the handler; the text goes back to the client.
public struct SocketRequestRejection: Error, Sendable, Equatable {
    /// What the client reads in the error response.
    public var message: String
    /// The request's `id`, when it got far enough to have one.
    public var id: JSONValue?
}

extension SocketRequest {
    /// Parses one request line and checks the peer may make it. Pure, so it can be tested and fuzzed without a socket.
    public static func parse(_ line: some Collection<UInt8>, peer: PeerCredentials, access: SocketAccess) -> Result<SocketRequest, SocketRequestRejection> {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: line)
        } catch {
            return .failure(SocketRequestRejection(message: "invalid JSON: \(error)", id: nil))
        }
        guard case .object(var members) = value else {
            return .failure(SocketRequestRejection(message: "a request must be a JSON object", id: nil))
        }
        let id = members.removeValue(forKey: "id")
        guard let opValue = members.removeValue(forKey: "op") else {
            return .failure(SocketRequestRejection(message: "missing \"op\"", id: id))
        }
        guard case .string(let name) = opValue else {
            return .failure(SocketRequestRejection(message: "\"op\" must be a string", id: id))
        }
        guard let operation = SocketOperation(rawValue: name) else {
            let known = SocketOperation.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(SocketRequestRejection(message: "unknown op \"\(name)\" (known: \(known))", id: id))
        }
        guard access.allows(operation, peer: peer) else {
            let kind = operation.needsWrite ? "write" : "read"
            return .failure(SocketRequestRejection(message: "permission denied: \(name) needs \(kind) access, which uid \(peer.uid) does not have", id: id))
        }
        return .success(SocketRequest(operation: operation, id: id, body: members))
    }
}
