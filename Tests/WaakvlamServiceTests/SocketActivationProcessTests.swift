#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamTesting

/// The daemon under socket activation, with systemd's own `systemd-socket-activate`: it binds
/// and listens, waits for the first connection, then execs `waakvlam serve` with the socket as
/// descriptor 3 (`LISTEN_FDS=1`, `LISTEN_PID` = the same process), as `waakvlam.socket` does.
@Suite(.serialized) struct SocketActivationProcessTests {
    static let tool = ["/usr/bin/systemd-socket-activate", "/bin/systemd-socket-activate"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    let directory = TemporaryDirectory()
    var state: String { directory.file("state") }

    /// `systemd-socket-activate -l SOCKET -- waakvlam serve …`, its output in a file.
    ///
    /// Started with posix_spawn, not Foundation's `Process`: the tool closes every descriptor
    /// but the passed ones before it execs, including the one `Process` watches for the child's
    /// exit, and `Process` would then wait (blocking, for every child) on a child still running.
    final class Activated {
        let pid: pid_t
        let outputFile: String
        private var exitStatus: Int32?

        init(tool: String, socket: String, state: String, in directory: TemporaryDirectory) throws {
            outputFile = directory.file("activate-\(UUID().uuidString.prefix(8)).out")
            let arguments = [tool, "-l", socket, "--", Repository.binary,
                             "serve", "--config", Repository.configFile, "--state-dir", state, "--now", "2026-11-05"]
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            var environment = ProcessInfo.processInfo.environment
            for name in ["NOTIFY_SOCKET", "JOURNAL_STREAM", "LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] { environment[name] = nil }
            let argv = arguments.map { strdup($0) } + [nil]
            let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { (argv + envp).forEach { free($0) } }
            var child: pid_t = 0
            let result = posix_spawn(&child, tool, &actions, nil, argv, envp)
            guard result == 0 else { throw NSError(domain: "posix_spawn", code: Int(result)) }
            pid = child
        }

        var standardError: String { (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "" }

        /// The exit status once it has exited (128+signal when killed); reaps it.
        func poll() -> Int32? {
            if let exitStatus { return exitStatus }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            let signal = status & 0x7f
            exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
            return exitStatus
        }

        /// SIGTERM, then the exit status (nil if it does not exit within 30 s).
        func stop() -> Int32? {
            kill(pid, SIGTERM)
            guard WaakvlamProcess.waitUntil(timeout: 30, { poll() != nil }) else { return nil }
            return poll()
        }

        deinit {
            if poll() == nil {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                waitpid(pid, &status, 0)
            }
        }
    }

    static func isSocket(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK
    }

    @Test(.enabled(if: tool != nil, "needs systemd-socket-activate (Debian package systemd)"))
    func givenSocketActivation_whenClientsConnectBeforeTheDaemonRuns_thenTheyAreAnswered_andTheSocketFileOutlivesTheDaemon() throws {
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let socket = state + "/waakvlam.sock" // the path the configuration names under --state-dir
        let activated = try Activated(tool: Self.tool!, socket: socket, state: state, in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 20) { Self.isSocket(socket) }, "\(activated.standardError)")

        // The first connection is what starts the daemon; its request waits in the listen queue.
        let early = try SocketClient(path: socket)
        early.send(#"{"op":"status","id":"early"}"#)
        let second = try SocketClient(path: socket)
        second.send(#"{"op":"status","id":"second"}"#)
        let answer = try #require(early.receive(timeout: 60), "\(activated.standardError)")
        #expect(answer["ok"] as? Bool == true)
        #expect(answer["id"] as? String == "early")
        #expect(answer["state_directory"] as? String == state)
        #expect(second.receive(timeout: 30)?["id"] as? String == "second")
        #expect(activated.standardError.contains("passed by systemd"))
        #expect(!activated.standardError.contains("not at the configured path"))

        // Commands find the daemon at the configured path as usual.
        let status = try WaakvlamProcess.run(["status", "--config", Repository.configFile, "--state-dir", state, "--json"], in: directory)
        #expect(status.status == 0, "\(status.stderr)")

        #expect(activated.stop() == 0, "\(activated.standardError)")
        #expect(activated.standardError.contains("stopped; database closed"))
        #expect(Self.isSocket(socket), "the socket file is systemd's: the daemon leaves it")
    }

    @Test(.enabled(if: tool != nil, "needs systemd-socket-activate (Debian package systemd)"))
    func givenAPassedSocketAtAnotherPath_thenTheDaemonWarnsAndServesOnThePassedOne() throws {
        let socket = directory.file("elsewhere.sock")
        let activated = try Activated(tool: Self.tool!, socket: socket, state: state, in: directory)
        #expect(WaakvlamProcess.waitUntil(timeout: 20) { Self.isSocket(socket) }, "\(activated.standardError)")
        let client = try SocketClient(path: socket)
        client.send(#"{"op":"status","id":1}"#)
        let answer = try #require(client.receive(timeout: 60), "\(activated.standardError)")
        #expect(answer["ok"] as? Bool == true)
        #expect(activated.standardError.contains("not at the configured path"))
        #expect(!FileManager.default.fileExists(atPath: state + "/waakvlam.sock"), "nothing is bound at the configured path")
        #expect(activated.stop() == 0, "\(activated.standardError)")
        #expect(Self.isSocket(socket))
    }
}
