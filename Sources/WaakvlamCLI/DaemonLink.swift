import ArgumentParser
import Foundation
import WaakvlamConfig
import WaakvlamService
import WaakvlamSocket

/// `--direct`, taken by the commands that go through the daemon's socket when it runs.
struct DaemonOptions: ParsableArguments {
    @Flag(help: ArgumentHelp("Work on the state directory without asking the daemon's socket.",
                             discussion: "Without it, the command goes through the daemon's socket when something listens there. A command that writes is refused (exit 1) while a daemon holds the state directory."))
    var direct = false
}

/// The way to a running daemon: its socket (`paths.socket`, or `DIR/waakvlam.sock` under
/// `--state-dir DIR`).
///
/// Which way a command goes:
/// - nothing listens at the socket (no file: ENOENT; a stale file: ECONNREFUSED) → directly on
///   the state directory, as without a daemon; a writing command first takes the state
///   directory's lock (``way(_:command:options:now:)``), so it never writes beside a daemon
///   whose socket file was deleted; a reading one says so when a daemon holds that lock;
/// - a daemon answers → through it;
/// - the socket is there but refuses us (EACCES on the file, or the daemon's "permission
///   denied"; or another error) → a daemon may be running. Commands that only read the store
///   (`status`, `tail`) say so on standard error and read the state directory directly;
///   commands that write (`ingest`, `ack`, `contact`, `snooze`, `resolve`, and `explain`, which
///   records an audit row and may store level changes) stop with exit 1, because a second writer beside the daemon's level
///   engine is what the socket is there to avoid. `--direct` skips the socket; a writing
///   command then still takes the state directory's lock.
struct DaemonLink {
    let client: SocketLineClient
    /// The command, as messages name it.
    let command: String
    /// Whether the command writes (and so stops rather than read directly when refused).
    let writes: Bool
    /// Seconds to wait for an answer before giving up.
    static let answerTimeout: Double = 300

    /// What became of a request.
    enum Answer {
        /// `{"ok":true,…}`: the members without `ok` and `id`.
        case ok([String: JSONValue])
        /// `{"ok":false,"error":…}`.
        case failed(String)
    }

    /// Connects when a daemon listens at the configured socket; nil means: work directly.
    /// Throws `ExitCode.failure` when a daemon may run but cannot be used and the command writes.
    static func open(_ configuration: LoadedConfiguration, command: String, writes: Bool, options: DaemonOptions) throws -> DaemonLink? {
        if options.direct { return nil }
        let path = configuration.daemon.paths.socketPath
        do {
            return DaemonLink(client: try SocketLineClient(path: path), command: command, writes: writes)
        } catch let error where error.meansNoServer {
            // A reader goes on directly, but not without a word when a daemon holds the state directory.
            if !writes, let holder = StateDirectoryLock.holder(of: configuration.daemon.paths.stateDirectory), holder.isDaemon {
                Terminal.error("waakvlam \(command): a daemon (\(holder)) holds the state directory, but its socket \(path) does not answer; reading the state directory directly")
            }
            return nil
        } catch {
            try unusable(command: command, path: path, why: error.meansNoAccess ? "permission denied" : error.description, writes: writes)
            return nil
        }
    }

    /// Reports a daemon that is (probably) there but will not serve us, and decides: read-only
    /// commands go on directly, writing ones stop.
    static func unusable(command: String, path: String, why: String, writes: Bool) throws {
        if writes {
            Terminal.error("waakvlam \(command): cannot use the daemon's socket \(path): \(why)")
            Terminal.error("waakvlam \(command): not working on the state directory beside a running daemon; ask for access to the socket (socket.write_users/write_groups in waakvlam.yaml), or pass --direct if the daemon is not running")
            throw ExitCode.failure
        }
        Terminal.error("waakvlam \(command): cannot use the daemon's socket \(path): \(why); reading the state directory directly")
    }

    /// A reading command the daemon refuses: told on standard error already by ``call(_:)``; the
    /// command reads the state directory instead. (A writing one has stopped with exit 1.)
    struct Refused: Error {}

    /// A new connection to the same socket, for the same command (after the daemon went away).
    func reconnected() -> DaemonLink? {
        (try? SocketLineClient(path: client.path)).map { DaemonLink(client: $0, command: command, writes: writes) }
    }

    /// Reports that the daemon will not serve us because of `why`, and decides (see ``unusable(command:path:why:writes:)``).
    func unusable(why: String) throws {
        try Self.unusable(command: command, path: client.path, why: why, writes: writes)
    }

    /// Sends `request` and waits for its answer. The daemon refusing this peer is handled here:
    /// a writing command stops (exit 1), a reading one gets ``Refused``.
    func call(_ request: [String: JSONValue]) throws -> Answer {
        let (ok, members) = try exchange(request)
        if ok { return .ok(members) }
        let message = members["error"]?.stringValue ?? "the daemon refused the request"
        if Self.isRefusal(message) {
            try unusable(why: message)
            throw Refused()
        }
        return .failed(message)
    }

    /// Sends `request` and waits for its answer: whether it is `ok`, and its members without
    /// `ok` and `id`. No answer, or one that is not an object, stops the command (exit 1).
    func exchange(_ request: [String: JSONValue]) throws -> (ok: Bool, members: [String: JSONValue]) {
        let answer: JSONValue
        do {
            answer = try client.request(.object(request), timeout: Self.answerTimeout)
        } catch {
            Terminal.error("waakvlam \(command): the daemon at \(client.path) did not answer: \(error)")
            throw ExitCode.failure
        }
        guard var members = answer.objectValue else {
            Terminal.error("waakvlam \(command): the daemon at \(client.path) answered something that is not a JSON object")
            throw ExitCode.failure
        }
        let ok = members.removeValue(forKey: "ok")?.boolValue ?? false
        members.removeValue(forKey: "id")
        return (ok, members)
    }

    /// Sends a follow-up (`contact`, `snooze`, `resolve`) and returns its answer; one the daemon
    /// refuses (no such notice) ends the command with exit 2, as directly.
    @discardableResult
    func followUp(_ request: [String: JSONValue]) throws -> [String: JSONValue] {
        switch try call(request) {
        case .ok(let members): return members
        case .failed(let message):
            Terminal.error("waakvlam \(command): \(message)")
            throw ExitCode(2)
        }
    }

    /// Whether a failed answer is the daemon refusing this peer (rather than the request).
    static func isRefusal(_ message: String) -> Bool { message.hasPrefix("permission denied") }

    /// Decodes an answer's members (snake_case keys) as `type`.
    static func decode<T: Decodable>(_ type: T.Type, from members: [String: JSONValue]) throws -> T {
        try decoder.decode(type, from: Data(JSONValue.object(members).jsonText.utf8))
    }

    /// One decoder for every answer (`tail` decodes one per notice).
    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()
}
