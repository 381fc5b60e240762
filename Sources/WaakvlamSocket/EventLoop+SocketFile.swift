#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension EventLoop {
    /// Checks that the socket file is still the one listened on. Without it, clients would find no
    /// server and work on the state directory beside the daemon. A file the server made and that is
    /// gone (or is a stale socket now) is bound again with the same mode and group; anything else at
    /// the path is left alone, as at start, and named once. A passed socket's file is systemd's:
    /// the server cannot bind it again, so it only says once that it went.
    func checkSocketFile() {
        if server.passed != nil {
            checkPassedSocketFile()
            return
        }
        guard let identity = socketIdentity else { return }
        let current: Posix.FileIdentity?
        do {
            current = try Posix.lstatFile(server.path)?.identity
        } catch {
            report("socket file \(server.path) cannot be checked: \(error)")
            return
        }
        if current == identity {
            fileProblem = nil
            return
        }
        // Connections that reached the old socket before it went are still answered.
        acceptClients()
        do {
            let (fd, made) = try Posix.listeningSocket(path: server.path, mode: server.mode, group: server.group, backlog: 1024)
            Glibc.close(listener)
            listener = fd
            socketIdentity = made
            fileProblem = nil
            log("socket file \(server.path) was \(current == nil ? "removed" : "replaced by a stale socket"); listening again")
        } catch {
            report("socket file \(server.path) was replaced and cannot be bound again (\(error)); "
                + "clients cannot reach the daemon until it is removed")
        }
    }

    func checkPassedSocketFile() {
        guard let path = server.passed?.path, let passedIdentity else { return }
        if (try? Posix.lstatFile(path))??.identity == passedIdentity {
            fileProblem = nil
            return
        }
        report("socket file \(path) from systemd was removed or replaced; it is systemd's to make again: "
            + "systemctl restart waakvlam.socket waakvlam.service")
    }

    /// Logs a problem with the socket file once, until it changes or is over.
    func report(_ problem: String) {
        guard problem != fileProblem else { return }
        fileProblem = problem
        log(problem)
    }
}
