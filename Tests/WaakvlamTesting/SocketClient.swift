import Foundation
import WaakvlamSocket

/// A minimal client of the daemon's socket for tests: send a line, read lines with a timeout.
/// The socket work is ``SocketLineClient``'s (the one the command line uses).
public final class SocketClient {
    private let client: SocketLineClient

    /// Connects to the socket at `path`.
    public init(path: String) throws {
        client = try SocketLineClient(path: path)
    }

    /// Sends `line` and a newline (a peer that has gone is ignored here).
    public func send(_ line: String) {
        try? client.send(line)
    }

    /// The next line as a JSON object, or nil when none arrives within `timeout` seconds.
    public func receive(timeout: Double = 10) -> [String: Any]? {
        guard let line = (try? client.readLine(timeout: timeout)) ?? nil else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] ?? ["unparsed": String(decoding: line, as: UTF8.self)]
    }
}
