import Foundation
import Testing
@testable import WaakvlamService

/// Notice times are written as ISO 8601 with the local offset, the same as a date formatter would.
@Suite struct NoticeLineTests {
    @Test(arguments: [Int64(1_795_435_200), 1_774_746_000, 1_774_742_399, 1_761_440_400, 0, -86_401, 4_102_444_799])
    func timesMatchTheSystemFormatter(seconds: Int64) {
        let zone = TimeZone(identifier: "Europe/Amsterdam")!
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        #expect(NoticeLine.format(seconds, zone) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }
}
