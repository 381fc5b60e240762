import WaakvlamConfig
import WaakvlamService

extension DaemonLink {
    /// How a writing command reaches the state directory.
    enum Way {
        /// Through the running daemon.
        case daemon(DaemonLink)
        /// Directly, holding the state directory's lock until the command ends.
        case direct(StateDirectoryLock)
    }

    /// Through the daemon when one answers at the socket (never with `--now` or `--direct`);
    /// otherwise directly, holding the state directory's lock, and never beside a daemon: one
    /// that holds the lock while its socket is gone or silent stops the command (see ``StateAccess``).
    static func way(_ configuration: LoadedConfiguration, command: String, options: DaemonOptions, now: String?) throws -> Way {
        if now == nil, let link = try open(configuration, command: command, writes: true, options: options) { return .daemon(link) }
        let besideDaemon = if now != nil {
            "--now works only on a state directory no daemon runs on (the daemon keeps its own clock)"
        } else if options.direct {
            "--direct works only while no daemon runs"
        } else {
            "its socket \(configuration.daemon.paths.socketPath) does not answer, and this command does not write beside a daemon; "
                + "restart the daemon to get its socket back (systemctl restart waakvlam), or wait for one that is starting"
        }
        return .direct(try StateAccess.lockForCommand(configuration, command: command, besideDaemon: besideDaemon))
    }
}
