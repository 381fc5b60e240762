import Crypto
import Dispatch
import Foundation
import Logging
import Synchronization
import WaakvlamConfig
import WaakvlamCore
import WaakvlamRules

/// Re-reads `waakvlam.yaml` and the rules file (on `SIGHUP`, `waakvlam reload`), checks them
/// completely, and only then puts them in force: the policy and the teams and deadlines in the
/// level engine, and the signal types in every ingest path. Levels are re-evaluated under the
/// new rules, and what that changes is told in one notice per team. A configuration with any
/// error is refused whole, and the running one stays.
///
/// The files are read only once they have settled (see ``SettledRead``): one still being written
/// is waited for, and refused if it keeps changing. What the new rules change is named (see
/// ``RuleSetChanges``) in the journal and STATUS, so a file cut short that still parses is seen.
///
/// The daily digest and purge, and the silent-source check, read the configuration in force
/// each time, so their settings change with it. What the running daemon cannot swap (paths,
/// time zone, the other ingest settings, the socket, the ladder's names) is named in the log as
/// taking effect at the next restart.
public final class ConfigurationReloader: Sendable {
    private let environment: WaakvlamEnvironment
    private let options: EnvironmentOptions
    private let levels: LevelService
    private let deliverer: NoticeDeliverer
    private let logger: Logger
    private let queue = DispatchQueue(label: "waakvlam.reload")
    /// Files are read once they have been unchanged for a second (waiting at most ten).
    private let settling = SettledRead()
    /// The configuration in force and its version, fingerprinted once as it was put in force.
    private let current: Mutex<(configuration: LoadedConfiguration, version: String)>

    /// The configuration in force: the one the daemon started with, or the last reloaded.
    public var inForce: LoadedConfiguration { current.withLock { $0.configuration } }
    /// Its version (see ``version(_:)``).
    public var versionInForce: String { current.withLock { $0.version } }

    /// Reloads from `options` (the daemon's own: `--config` and `--state-dir`).
    public init(environment: WaakvlamEnvironment, options: EnvironmentOptions, levels: LevelService, deliverer: NoticeDeliverer, logger: Logger) {
        self.environment = environment
        self.options = options
        self.levels = levels
        self.deliverer = deliverer
        self.logger = logger
        current = Mutex((environment.configuration, Self.version(environment.configuration)))
    }

    /// What a reload did, for the log and systemd's STATUS line.
    public enum Outcome: Sendable, Equatable {
        /// In force: its version, how its rules differ from the ones before, the level changes,
        /// the summary notices, and the sections that changed but wait for a restart.
        case reloaded(version: String, rules: RuleSetChanges, changes: Int, summaries: Int, restartOnly: [String])
        /// Refused: every problem, as `file:line:col: message`.
        case refused([String])
    }

    /// Reloads now.
    public func reload() async -> Outcome {
        let loaded: LoadedConfiguration
        let inForce = self.inForce
        do {
            let files = [options.configPath, inForce.daemon.rulesFile]
            let outcome = try await settling.run(files) {
                let loaded = try WaakvlamEnvironment.loadConfiguration(options)
                return (loaded, [options.configPath, loaded.daemon.rulesFile])
            }
            switch outcome {
            case .settled(let value):
                loaded = value
            case .stillChanging(let file):
                return refuse(["\(file) is still being written (changed within the last \(settling.settleTime.components.seconds) s for \(settling.patience.components.seconds) s); reload again once it is saved"])
            }
        } catch let error as ConfigurationError {
            return refuse(error.diagnostics.map(\.description))
        } catch is CancellationError {
            // Stopped while waiting for the files to settle.
            return refuse(["the daemon is stopping; the running configuration stays until it does"])
        } catch {
            return refuse(["\(error)"])
        }
        guard let keeper = levels.keeper else { return refuse(["the daemon is still loading its levels; reload again once it is ready"]) }
        let old = environment.configuration.daemon
        var escalation = loaded.daemon.escalation
        // Notice lines name rungs from the configuration the daemon started with.
        escalation.ladder = old.escalation.ladder
        let later = Self.restartOnly(old: old, new: loaded.daemon)
        let maker = NoticeMaker(teams: loaded.daemon.teams, escalation: escalation, calendar: environment.calendar)
        let now = environment.clock.now()
        let rulesChanged = RuleSetChanges(from: inForce.policy, to: loaded.policy)
        do {
            let (changes, teams) = try await BlockingWork.run(on: queue) { try keeper.reload(policy: loaded.policy, noticeMaker: maker, at: now) }
            environment.ingestor.replaceRules(loaded.rules)
            let version = Self.version(loaded)
            current.withLock { $0 = (loaded, version) }
            deliverer.nudge()
            logger.notice("reload: configuration reloaded; \(rulesChanged)", metadata: [
                "version": "\(version)", "rule_changes": "\(rulesChanged.lines.count)", "level_changes": "\(changes.count)", "summary_notices": "\(teams)",
            ])
            if !later.isEmpty {
                logger.notice("reload: these changes take effect at the next restart", metadata: ["sections": "\(later.joined(separator: ", "))"])
            }
            return .reloaded(version: version, rules: rulesChanged, changes: changes.count, summaries: teams, restartOnly: later)
        } catch {
            return refuse(["levels could not be re-evaluated under the new rules: \(error)"])
        }
    }

    private func refuse(_ problems: [String]) -> Outcome {
        for problem in problems { logger.error("reload: configuration refused; the running one stays", metadata: ["problem": "\(problem)"]) }
        return .refused(problems)
    }

    /// A short fingerprint of the configuration and rules in force (SHA-256 of both as read).
    public static func version(_ configuration: LoadedConfiguration) -> String {
        var hash = SHA256()
        for file in [configuration.configFile, configuration.daemon.rulesFile] {
            hash.update(data: FileManager.default.contents(atPath: file) ?? Data())
        }
        return hash.finalize().prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    /// The sections that differ but that the running daemon keeps until it restarts.
    static func restartOnly(old: DaemonConfiguration, new: DaemonConfiguration) -> [String] {
        var sections: [String] = []
        if old.paths != new.paths { sections.append("paths") }
        if old.timeZone != new.timeZone { sections.append("time_zone") }
        var ingest = new.ingest
        ingest.silentAfter = old.ingest.silentAfter
        if old.ingest != ingest { sections.append("ingest") }
        if old.socket != new.socket { sections.append("socket") }
        if old.escalation.ladder != new.escalation.ladder { sections.append("escalation.ladder") }
        return sections
    }
}
