import Foundation
import Testing
import WaakvlamConfig
import WaakvlamCore
@testable import WaakvlamService
import WaakvlamTesting

/// Which changed sections a reload names as waiting for a restart: only those the running daemon
/// cannot swap, so that an operator is not told to restart for nothing.
@Suite struct ConfigurationReloaderTests {
    let shipped: DaemonConfiguration

    init() throws {
        shipped = try ConfigurationLoader.load(path: Repository.configFile).get().daemon
    }

    @Test func givenRetentionTheDigestAndSilentAfterChanged_thenNoneWaitsForARestart() {
        var changed = shipped
        changed.retention.movedOut = .months(12)
        changed.retention.minuteOfDay = 4 * 60
        changed.digest = DigestSettings(minuteOfDay: 6 * 60, language: "en")
        changed.ingest.silentAfter = .days(7)
        #expect(ConfigurationReloader.restartOnly(old: shipped, new: changed) == [])
    }

    @Test func givenTheSocketAndAnotherIngestSettingChanged_thenBothAreNamed() {
        var changed = shipped
        changed.socket.maxLineBytes += 1
        changed.ingest.batchSize = 1_000
        changed.ingest.silentAfter = .days(7)
        #expect(ConfigurationReloader.restartOnly(old: shipped, new: changed) == ["ingest", "socket"])
    }
}
