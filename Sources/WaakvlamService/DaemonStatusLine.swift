import Logging
import Synchronization
import WaakvlamConfig
import WaakvlamStore

/// The short summary systemd shows in `systemctl status` (the notify STATUS= line). It names
/// sources that have gone silent for longer than `ingest.silent_after`, and says so in the
/// journal once when a source falls silent and once when it delivers again: a quiet
/// corporation system is a fault, not good news. Work failing and retried with back-off (a
/// full disk, a locked store) is named first, as `FAULT`.
final class DaemonStatusLine: Sendable {
    let environment: WaakvlamEnvironment
    let configuration: @Sendable () -> LoadedConfiguration
    let faults: FaultBoard
    let logger: Logger
    private let warned = Mutex<Set<String>>([])

    init(environment: WaakvlamEnvironment, configuration: @escaping @Sendable () -> LoadedConfiguration, faults: FaultBoard, logger: Logger) {
        self.environment = environment
        self.configuration = configuration
        self.faults = faults
        self.logger = logger
    }

    func render() -> String {
        let failing = faults.faults
        let fault = failing.isEmpty ? "" : "FAULT \(failing.map(\.summary).joined(separator: "; ")); "
        guard let statistics = try? environment.database.statistics() else { return fault + "store unreadable" }
        let backlog = environment.spool.backlog()
        let silentAfter = configuration().daemon.ingest.silentAfter
        let silent = Set(statistics.silentSources(at: environment.clock.now(), after: silentAfter))
        let (fell, back) = warned.withLock { warned in
            defer { warned = silent }
            return (silent.subtracting(warned), warned.subtracting(silent))
        }
        for source in fell.sorted() {
            logger.warning("feed source silent: nothing delivered for longer than ingest.silent_after", metadata: ["source": "\(source)", "silent_after": "\(silentAfter)"])
        }
        for source in back.sorted() { logger.notice("feed source delivering again", metadata: ["source": "\(source)"]) }
        let line = fault + "\(statistics.signals) signals, \(statistics.residents) households, \(statistics.buildings) buildings; \(backlog) file(s) waiting in inbox"
        return silent.isEmpty ? line : line + "; SILENT source(s): \(silent.sorted().joined(separator: ", "))"
    }
}
