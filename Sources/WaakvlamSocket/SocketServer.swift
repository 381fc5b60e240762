#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch
import Foundation
import Synchronization

/// The daemon's local socket: newline-delimited JSON requests and responses on a Unix stream socket.
///
/// Protocol, one JSON object per line each way:
/// - request `{"op":"status"|"explain"|"ack"|"ingest"|"subscribe", "id":<any>, ...}`;
/// - response `{"ok":true,"id":<echoed>,...handler fields}` or `{"ok":false,"id":<echoed>,"error":"..."}`,
///   in request order per connection (the `id` member only if the request had one);
/// - `subscribe` with `"after": <notice id>` answers `{"ok":true}`, then sends every notice with a
///   larger id (the backlog from the handler, in pages), then live notices from ``publish(id:line:)``,
///   each as its own line `{"notice_id":<id>,"notice":<the notice JSON>}`: every notice once, in id
///   order. Without `after` only live notices are sent. A client that reconnects with
///   `after` = the last `notice_id` it saw misses nothing.
///
/// One event-loop thread polls the listening socket and every (non-blocking) client socket;
/// requests run on a concurrent handler queue, one at a time per connection (the next line of
/// a connection is read only once the previous response is queued). Empty lines are ignored.
/// A peer that hangs up is closed at once; a peer that only shuts down its writing side gets the
/// answers to what it sent (and, if subscribed, further notices) until it closes.
/// When the server ends a connection after a last error line (a peer refused at connect, a
/// subscription that cannot go on), it shuts down its writing side and discards what the peer
/// still sends until the peer's end of stream, for at most a second or ``lingerByteLimit`` bytes:
/// closing with unread input would reset the connection, and a peer that wrote before reading
/// could lose the line.
public final class SocketServer: Sendable {
    /// Where the socket is: the configured path, or a passed socket's own path.
    public let path: String
    /// The configured path (differs from ``path`` only when a passed socket is bound elsewhere).
    public let configuredPath: String
    /// The listening socket systemd passed, used instead of binding one; nil when the server binds its own.
    public let passed: PassedSocket?
    public let access: SocketAccess
    public let maxLineBytes: Int
    public let maxPendingBytes: Int
    /// Most clients connected at once; more are refused with one error line (see ``init``).
    public let maxClients: Int
    /// A client that is neither subscribed nor waiting for an answer is closed after this long without a byte either way; nil: never.
    public let idleTimeout: Double?
    /// How often (seconds) the socket file is checked for having been removed or replaced.
    public let fileCheckInterval: Double
    public let backlogPageSize: Int
    public let mode: UInt32
    public let group: UInt32?
    let handler: any SocketHandler
    let logger: @Sendable (String) -> Void

    private let phase = Mutex<Phase>(.idle)
    let connectedClients = Atomic<Int>(0)
    /// The largest input buffer any connection has had (bytes), for tests: lines are never buffered past the maximum.
    let peakInputBuffer = Atomic<Int>(0)
    /// Refuses every new connection as if its peer had no access; for tests, whose peers all share one uid.
    let refusesNewConnections = Atomic<Bool>(false)

    /// How long a connection lingers after its last line for the peer's end of stream.
    let lingerNanoseconds: UInt64 = 1_000_000_000
    /// Most input discarded while lingering: enough for a pipelined request or two of the largest size.
    var lingerByteLimit: Int { 2 * maxLineBytes + (64 << 10) }
    /// Most connections kept open only to be refused (lingering for their last line); past it, accepting waits.
    let maxOpenRefusals = 16
    /// Descriptors left to the rest of the daemon (store, spool, notice log, threads) when the
    /// open-file limit is lower than `maxClients` would need.
    let descriptorReserve = 128

    private enum Phase {
        case idle
        case running(LoopShared, DispatchSemaphore)
        case stopped
    }

    /// - Parameters:
    ///   - path: where the socket file goes; a stale socket there is replaced, anything else is refused.
    ///   - access: who may read and who may write.
    ///   - maxLineBytes: longest accepted request line (without its newline); longer ones are refused and skipped.
    ///   - maxPendingBytes: most output queued for one client; a client that lets more pile up is cut off.
    ///   - maxClients: most clients at once (at most what the open-file limit leaves after ``descriptorReserve``);
    ///     one more gets `{"ok":false,"error":"too many clients …"}` and is closed, and the log says so once per episode.
    ///   - idleTimeout: seconds after which a client that is not subscribed and has no request in
    ///     progress is closed when nothing was received from or sent to it; nil never closes one.
    ///   - fileCheckInterval: seconds between checks that the socket file is still the one bound;
    ///     a removed one is bound again (not for a passed socket: its file is systemd's).
    ///   - backlogPageSize: notices asked from the handler at a time while a subscriber catches up.
    ///   - mode: permission bits of the socket file; world bits are always removed (default 0660).
    ///   - group: group owner of the socket file (so that group can connect); nil keeps the default.
    ///   - passed: a listening socket from systemd socket activation (``SocketActivation/takeListener(log:)``):
    ///     accepted on instead of binding one at `path`; `mode` and `group` are then systemd's
    ///     (`SocketMode=`, `SocketGroup=`), and the socket file is left in place at ``stop()``.
    public init(
        path: String, access: SocketAccess, handler: some SocketHandler,
        maxLineBytes: Int = 1 << 20, maxPendingBytes: Int = 4 << 20, maxClients: Int = 256, idleTimeout: Double? = 60,
        fileCheckInterval: Double = 2, backlogPageSize: Int = 256,
        mode: UInt32 = 0o660, group: UInt32? = nil, passed: PassedSocket? = nil,
        logger: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.configuredPath = path
        self.path = passed.map { $0.path ?? "descriptor \($0.fd)" } ?? path
        self.passed = passed
        self.access = access
        self.handler = handler
        self.maxLineBytes = max(1, maxLineBytes)
        self.maxPendingBytes = max(1024, maxPendingBytes)
        self.maxClients = max(1, maxClients)
        self.idleTimeout = idleTimeout.map { max(0.01, $0) }
        self.fileCheckInterval = max(0.01, fileCheckInterval)
        self.backlogPageSize = max(1, backlogPageSize)
        self.mode = mode & 0o770
        self.group = group
        self.logger = logger
    }

    /// Binds and listens (or takes the passed socket), then starts the event-loop thread. Throws ``SocketServerError``.
    public func start() throws {
        try phase.withLock { phase in
            guard case .idle = phase else { throw SocketServerError.alreadyStarted }
            // The file the server made, to remove at stop; none for a passed socket, whose file
            // systemd owns and keeps across the daemon's restarts.
            let (listener, identity): (Int32, Posix.FileIdentity?)
            if let passed {
                Posix.setNonBlockingCloseOnExec(passed.fd)
                (listener, identity) = (passed.fd, nil)
            } else {
                (listener, identity) = try Posix.listeningSocket(path: path, mode: mode, group: group, backlog: 1024)
            }
            var pipeEnds: [Int32] = [0, 0]
            guard pipe(&pipeEnds) == 0 else {
                let code = errno
                close(listener)
                if identity != nil { unlink(path) }
                throw SocketServerError.system(operation: "pipe", path: path, errno: code)
            }
            Posix.setNonBlockingCloseOnExec(pipeEnds[0])
            Posix.setNonBlockingCloseOnExec(pipeEnds[1])
            let shared = LoopShared(wakeRead: pipeEnds[0], wakeWrite: pipeEnds[1])
            let done = DispatchSemaphore(value: 0)
            let wakeRead = pipeEnds[0]
            let thread = Thread { [self] in
                let loop = EventLoop(server: self, shared: shared, listener: listener, wakeRead: wakeRead, socketIdentity: identity)
                loop.run()
                done.signal()
            }
            thread.name = "waakvlam-socket"
            thread.start()
            phase = .running(shared, done)
            logger(passed == nil ? "socket: listening on \(path)" : "socket: listening on \(path) (passed by systemd)")
        }
    }

    /// Closes every connection and the listening socket, removes the socket file (if it is
    /// still the one this server made; a passed socket's file is systemd's and stays) and waits
    /// for the loop thread. Safe to call twice.
    public func stop() {
        let running: (LoopShared, DispatchSemaphore)? = phase.withLock { phase in
            guard case .running(let shared, let done) = phase else {
                phase = .stopped
                return nil
            }
            phase = .stopped
            return (shared, done)
        }
        guard let (shared, done) = running else { return }
        shared.post(.stop)
        done.wait()
        shared.closeWake()
    }

    /// Sends a live notice to every subscriber that has not had it yet (by id). From any thread.
    /// Publish in increasing id order, after the notice is visible to ``SocketHandler/notices(after:limit:)``.
    public func publish(id: Int64, line: String) {
        let shared: LoopShared? = phase.withLock { phase in
            if case .running(let shared, _) = phase { return shared }
            return nil
        }
        guard let shared else { return }
        shared.post(.publish(id: id, line: Self.noticeLine(id: id, json: line)))
    }

    /// The most clients at once: `maxClients`, less when the open-file limit would otherwise
    /// leave the store, the spool and the refused connections without descriptors.
    func clientLimit(openFileLimit: Int?) -> Int {
        guard let openFileLimit else { return maxClients }
        return max(1, min(maxClients, openFileLimit - descriptorReserve - maxOpenRefusals))
    }

    /// May this peer connect at all?
    func admits(_ peer: PeerCredentials) -> Bool {
        !refusesNewConnections.load(ordering: .relaxed) && access.allowsConnection(peer)
    }

    /// Connections currently open.
    public var clientCount: Int { connectedClients.load(ordering: .relaxed) }

    /// `{"notice_id":<id>,"notice":<json>}\n`; a notice that is not valid JSON goes as a string.
    static func noticeLine(id: Int64, json: String) -> [UInt8] {
        var text = "{\"notice_id\":\(id),\"notice\":"
        if (try? JSONValue(parsing: json)) != nil {
            // Valid JSON has line breaks only as whitespace between tokens: safe to flatten.
            text += json.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                ? String(json.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 }) : json
        } else {
            JSONValue.writeString(json, to: &text)
        }
        text += "}\n"
        return Array(text.utf8)
    }

    /// A response line: `ok` first, then `id`, then the other members sorted by key.
    static func responseLine(ok: Bool, id: JSONValue?, fields: [String: JSONValue]) -> [UInt8] {
        var text = ok ? "{\"ok\":true" : "{\"ok\":false"
        if let id {
            text += ",\"id\":"
            id.write(to: &text)
        }
        for key in fields.keys.sorted() where key != "ok" && key != "id" {
            text += ","
            JSONValue.writeString(key, to: &text)
            text += ":"
            fields[key]!.write(to: &text)
        }
        text += "}\n"
        return Array(text.utf8)
    }

    static func errorLine(_ message: String, id: JSONValue?) -> [UInt8] {
        responseLine(ok: false, id: id, fields: ["error": .string(message)])
    }

    /// The answer to a request the handler failed: its message, and a ``SocketRequestError``'s fields.
    static func errorLine(for error: any Error, id: JSONValue?) -> [UInt8] {
        var fields = (error as? SocketRequestError)?.fields ?? [:]
        fields["error"] = .string(message(of: error))
        return responseLine(ok: false, id: id, fields: fields)
    }

    static func message(of error: any Error) -> String {
        if let error = error as? SocketRequestError { return error.message }
        if let error = error as? LocalizedError, let text = error.errorDescription { return text }
        return String(describing: error)
    }
}
