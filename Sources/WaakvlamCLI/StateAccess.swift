import ArgumentParser
import Logging
import WaakvlamConfig
import WaakvlamService

/// The state directory's lock (``StateDirectoryLock``) as the commands take it.
///
/// - `serve` takes it before it opens anything and is refused at once when it is held.
/// - A command that writes directly (`ingest`, `ack`, `explain`, `contact`, `snooze`, `resolve`
///   without a daemon or with `--now` or `--direct`; `purge`, `demo`) takes it for as long as it works. While a daemon
///   holds it the command stops with exit 1: it never writes beside a daemon. While another
///   command holds it, it waits up to ``patience`` for that one to finish, then stops with exit 1.
/// - Commands that read (`status`, `tail`, `replay`, `digest`) do not take it: they run no level
///   engine and deliver no notices; SQLite orders `digest`'s one audit row with the daemon's writes.
enum StateAccess {
    /// How long a direct command waits for another direct command to finish with the state directory.
    static let patience: Duration = .seconds(30)

    /// The daemon's lock, or exit 1 with the holder named in the journal.
    static func lockForDaemon(_ stateDirectory: String, logger: Logger) throws -> StateDirectoryLock {
        do {
            return try StateDirectoryLock.take(stateDirectory: stateDirectory, command: "serve")
        } catch let held as StateDirectoryLock.Held {
            // A holder that has not yet written its name into the file is just "another process".
            let what = held.holder.map { $0.isDaemon ? "another daemon" : "a command" } ?? "another process"
            logger.critical("not starting: \(what) works on the state directory \(stateDirectory) (held by \(held.holder?.description ?? "another process"); lock \(held.path))")
            throw ExitCode.failure
        } catch {
            logger.critical("not starting: the state directory's lock could not be taken: \(error)")
            throw ExitCode.failure
        }
    }

    /// A direct command's lock on the state directory of `configuration`, or exit 1. `besideDaemon`
    /// says why the command cannot go through the daemon, for the message when one holds the lock.
    static func lockForCommand(_ configuration: LoadedConfiguration, command: String, besideDaemon: String) throws -> StateDirectoryLock {
        let stateDirectory = configuration.daemon.paths.stateDirectory
        do {
            return try StateDirectoryLock.take(stateDirectory: stateDirectory, command: command, patience: patience)
        } catch let held as StateDirectoryLock.Held {
            let holder = held.holder?.description ?? "another process"
            if held.holder?.isDaemon == true {
                Terminal.error("waakvlam \(command): a daemon (\(holder)) holds the state directory \(stateDirectory); \(besideDaemon)")
            } else {
                Terminal.error("waakvlam \(command): \(holder) has held the state directory \(stateDirectory) for longer than \(patience.components.seconds) s; try again when it is done")
            }
            throw ExitCode.failure
        } catch {
            Terminal.error("waakvlam \(command): the state directory's lock could not be taken: \(error)")
            throw ExitCode.failure
        }
    }
}
