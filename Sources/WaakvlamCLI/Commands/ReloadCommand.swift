import ArgumentParser
import WaakvlamConfig
import WaakvlamCore
import WaakvlamService
import WaakvlamSocket

/// `waakvlam reload`: asks the running daemon to reload its configuration, and waits for the
/// outcome (the unit's `ExecReload=`, so that `systemctl reload` fails on a refused one).
struct ReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload", abstract: "Ask the running daemon to reload its configuration, and wait for the outcome.",
        discussion: """
            Prints the version put in force and how the rules changed (exit 0), or every problem as file:line:col: message \
            when the daemon refuses the configuration and keeps the one in force (exit 2). Exit 1 when no daemon answers \
            at the socket (paths.socket, or DIR/waakvlam.sock under --state-dir DIR). Only waakvlam.yaml is read here, \
            to find the socket; the daemon reads and checks both files.
            """)

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if global.now != nil { throw ValidationError("--now does not apply: the daemon reloads on its own clock") }
    }

    func run() async throws {
        let paths = try daemonPaths()
        let link: DaemonLink
        do {
            link = DaemonLink(client: try SocketLineClient(path: paths.socketPath), command: "reload", writes: true)
        } catch {
            let daemon = StateDirectoryLock.holder(of: paths.stateDirectory).map { $0.isDaemon ? "; a daemon (\($0)) holds the state directory, restart it to get its socket back" : "" } ?? ""
            let why = error.meansNoServer ? "no daemon answers" : error.meansNoAccess ? "permission denied" : "\(error)"
            Terminal.error("waakvlam reload: cannot reach the daemon at \(paths.socketPath): \(why)\(daemon); nothing was reloaded")
            throw ExitCode.failure
        }
        let (ok, answer) = try link.exchange(["op": "reload"])
        guard ok else { try refused(answer) }
        let version = answer["version"]?.stringValue ?? "?"
        let changes = answer["changes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let levels = answer["level_changes"]?.int64Value ?? 0, notices = answer["summary_notices"]?.int64Value ?? 0
        Terminal.print("reloaded: configuration \(version) in force; \(changes.isEmpty ? "rules unchanged" : "\(changes.count) rule change(s)"); \(levels) level changes, told in \(notices) team notices")
        for change in changes { Terminal.print("  \(change)") }
        if let later = answer["restart_only"]?.arrayValue?.compactMap(\.stringValue), !later.isEmpty {
            Terminal.print("take effect at the next restart: \(later.joined(separator: ", "))")
        }
    }

    /// Says why the daemon did not reload: a refused configuration with each of its problems
    /// (exit 2), or a request it would not take, such as one without write access (exit 1).
    private func refused(_ answer: [String: JSONValue]) throws -> Never {
        Terminal.error("waakvlam reload: \(answer["error"]?.stringValue ?? "the daemon refused the request")")
        guard let problems = answer["problems"]?.arrayValue?.compactMap(\.stringValue) else { throw ExitCode.failure }
        for problem in problems { Terminal.error("  \(problem)") }
        throw ExitCode(2)
    }

    /// Where the daemon is: under `--state-dir`, or as `waakvlam.yaml` says (the rules file,
    /// which the daemon checks, may be broken). A broken `waakvlam.yaml` is a refusal too.
    private func daemonPaths() throws -> DaemonPaths {
        if let directory = global.stateDirectory { return .all(under: directory) }
        switch ConfigurationLoader.loadDaemon(path: global.configPath) {
        case .success(let daemon):
            return daemon.paths
        case .failure(let error):
            Terminal.error("waakvlam reload: \(global.configPath) has problems, so the daemon is not asked to reload; it keeps the configuration in force")
            for problem in error.diagnostics { Terminal.error("  \(problem)") }
            throw ExitCode(2)
        }
    }
}
