#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Logging
import ServiceLifecycle
import WaakvlamCore
import WaakvlamSocket
import WaakvlamStore

/// The running daemon: the services around one environment, in dependency order.
///
/// `serve` composes it with ``init(environment:options:logger:notifier:)`` once the store is open
/// (it waits for a locked store); the tests run that `serve` as a process.
public struct Daemon: Sendable {
    /// Configuration, store, clock and ingest path.
    public let environment: WaakvlamEnvironment
    private let group: ServiceGroup
    private let logger: Logger
    private let deliverer: NoticeDeliverer
    private let ingestQueue: SocketIngestQueue
    private let noticeLog: NoticeLog
    private let reloader: ConfigurationReloader

    /// Composes the daemon from an environment opened with `options`; opens the notice log. A
    /// reload reads the configuration again with the same `options`.
    public init(environment: WaakvlamEnvironment, options: EnvironmentOptions, logger: Logger, notifier: SystemdNotifier = SystemdNotifier()) throws {
        self.environment = environment
        self.logger = logger
        Self.ignoreControlSignalsUntilTrapped()
        // The daemon's delivered marks may lag the log by a second (see NoticeLog).
        let noticeLog = try environment.openNoticeLog(markEvery: 1)
        let pseudonyms = try Pseudonymizer(keyFile: environment.paths.pseudonymKeyFile)
        let settings = environment.configuration.daemon.socket
        let handlerBox = SocketHandlerBox()
        // Socket activation (waakvlam.socket): systemd's listening socket, if it passed one.
        let passed = try SocketActivation.takeListener(log: { [logger] in logger.warning("\($0)") })
        let server = SocketServer(path: environment.paths.socketPath, access: try SocketService.access(settings), handler: handlerBox,
                                  maxLineBytes: settings.maxLineBytes, maxPendingBytes: settings.maxPendingBytes,
                                  maxClients: settings.maxClients, idleTimeout: Double(settings.idleTimeout.seconds), passed: passed,
                                  logger: { [logger] message in logger.info("\(message)") })
        let publisher = try NoticePublisher(database: environment.database, server: server, timeZone: environment.calendar.timeZone,
                                            ladder: environment.configuration.daemon.escalation.ladder)
        // What fails for a while (a full disk, a locked store) is retried with back-off and named here.
        let faults = FaultBoard(clock: environment.clock, logger: logger)
        let deliverer = NoticeDeliverer(noticeLog: noticeLog, publisher: publisher, pseudonyms: pseudonyms, faults: faults, logger: logger)
        let levels = LevelService(environment: environment, deliverer: deliverer, pseudonyms: pseudonyms, faults: faults, logger: logger)
        self.deliverer = deliverer
        self.noticeLog = noticeLog
        let ingestQueue = SocketIngestQueue(ingestor: environment.ingestor, clock: environment.clock, levels: levels, deliverer: deliverer, faults: faults)
        self.ingestQueue = ingestQueue
        let reloader = ConfigurationReloader(
            environment: environment, options: options,
            levels: levels, deliverer: deliverer, logger: logger)
        self.reloader = reloader
        let reloads = ReloadRequests()
        let status = DaemonStatusLine(environment: environment, configuration: { reloader.inForce }, faults: faults, logger: logger)
        // Rendering counts the store: not on the thread that just failed or recovered (the socket's
        // ingest, the notice log, the levels), which has its own work to get back to.
        faults.whenChanged { DispatchQueue.global(qos: .utility).async { notifier.notify("STATUS=\(status.render())") } }
        handlerBox.set(DaemonSocketHandler(environment: environment, levels: levels, deliverer: deliverer, ingestQueue: ingestQueue, reloader: reloader,
                                           reloads: reloads, faults: faults))
        let spool = SpoolService(
            spool: environment.spool, clock: environment.clock,
            interval: environment.configuration.daemon.ingest.spoolPollInterval, faults: faults, pseudonyms: pseudonyms, logger: logger,
            onFileDone: {
                levels.nudge()
                notifier.notify("STATUS=\(status.render())")
            })
        let database = environment.database
        let systemd = SystemdService(
            notifier: notifier, logger: logger, status: { status.render() },
            healthy: { (try? database.writer.read { try $0.execute(sql: "SELECT 1") }) != nil })
        // Services stop one by one in reverse order: systemd first (STOPPING=1), then the spool,
        // so a file in hand stops at its next commit without waiting for a digest or an
        // evaluation that queue behind it for the database; the levels, fed by the spool, after.
        group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: ReloadService(logger: logger, notifier: notifier, noticeLog: noticeLog, reloader: reloader, requests: reloads)),
                .init(service: NoticeLogReopenService(logger: logger, noticeLog: noticeLog)),
                .init(service: levels),
                .init(service: DigestService(environment: environment, configuration: { reloader.inForce }, faults: faults, logger: logger)),
                .init(service: PurgeService(environment: environment, configuration: { reloader.inForce }, levels: levels, faults: faults, logger: logger)),
                .init(service: SocketService(server: server, logger: logger)),
                .init(service: spool),
                .init(service: systemd),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
    }

    /// Ignores SIGHUP (reload) and SIGUSR1 (logrotate) until their services trap them.
    ///
    /// Both end a process by default, and the services trap them only once the group runs, which
    /// may be just after systemd hears READY=1 (a SIGHUP right after READY ended a test's daemon
    /// with exit 129), or while `serve` still waits for a locked store. Ignored until then, an
    /// early one is lost instead of killing the daemon; the services' dispatch sources still
    /// receive them, as swift-service-lifecycle's own `UnixSignalsSequence` ignores them too.
    public static func ignoreControlSignalsUntilTrapped() {
        signal(SIGHUP, SIG_IGN)
        signal(SIGUSR1, SIG_IGN)
    }

    /// Runs until SIGTERM or SIGINT, then finishes the work in hand and closes the store.
    public func run() async throws {
        logger.info("starting", metadata: [
            "state": "\(environment.paths.stateDirectory)", "configuration": "\(reloader.versionInForce)",
        ])
        // A damaged store is refused before the daemon's work starts (or READY is said). Opening
        // the notice log may already have marked notices it found in the log as delivered.
        try environment.database.checkPages()
        // A first load cut off by a crash leaves the household index dropped; readers need it.
        try environment.database.restoreIndexes()
        defer {
            do {
                try environment.database.close()
                logger.info("stopped; database closed")
            } catch {
                logger.error("database did not close cleanly", metadata: ["error": "\(FaultDescription.of(error))"])
            }
        }
        let checkpointer = WALCheckpointer(database: environment.database, logger: logger)
        // Before the store closes, also when the services end with an error: the socket is
        // closed, so finish its queued ingests and their notices, then bring the store's
        // delivered marks up to the log.
        defer {
            ingestQueue.stop()
            deliverer.stop()
            checkpointer.stop()
            do { try noticeLog.markWritten() } catch { logger.error("notices delivered could not be marked in the store; the next start does", metadata: ["error": "\(FaultDescription.of(error))"]) }
        }
        try await group.run()
    }
}
