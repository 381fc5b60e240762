import Foundation
import Logging
import Testing
import WaakvlamIngest
@testable import WaakvlamService
import WaakvlamTesting

/// Signals the socket stores while the level engine is still loading reach the levels: the
/// engine may have read the store before they were committed.
@Suite struct SocketIngestQueueTests {
    let directory = TemporaryDirectory()

    @Test func givenTheLevelsStillLoading_whenASocketIngestStoresSignals_thenTheLevelServiceIsAskedToTakeThemIn() throws {
        let environment = try WaakvlamEnvironment.open(EnvironmentOptions(configPath: Repository.configFile, stateDirectory: directory.file("state"),
                                                                          now: 1_795_000_000))
        let logger = Logger(label: "test")
        let faults = FaultBoard(clock: environment.clock, logger: logger)
        let pseudonyms = try Pseudonymizer(keyFile: environment.paths.pseudonymKeyFile)
        let deliverer = NoticeDeliverer(noticeLog: try environment.openNoticeLog(), publisher: nil, pseudonyms: pseudonyms, faults: faults, logger: logger)
        // Given a level service that has not loaded its engine (it is not run here).
        let levels = LevelService(environment: environment, deliverer: deliverer, pseudonyms: pseudonyms, faults: faults, logger: logger)
        let queue = SocketIngestQueue(ingestor: environment.ingestor, clock: environment.clock, levels: levels, deliverer: deliverer, faults: faults)
        defer {
            queue.stop()
            deliverer.stop()
        }
        #expect(levels.keeper == nil && !levels.isNudged)

        // When a cannabis farm is stored through the socket.
        let report = try queue.ingest(SmallInput(text: "source,id,type,occurred_at,resident\ncorporatie,1,waarneming.hennep,2026-11-04,H1\n",
                                                 name: "socket", format: .csv))
        #expect(report.counts.accepted == 1)

        // Then the level service has a nudge waiting, which its loop takes in once the engine is loaded.
        #expect(WaakvlamProcess.waitUntil(timeout: 10) { levels.isNudged })
    }
}
