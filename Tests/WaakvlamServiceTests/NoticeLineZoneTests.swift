import Foundation
import Testing
@testable import WaakvlamService

/// Notice times west of Greenwich carry a negative offset, as the system formatter writes it.
@Suite struct NoticeLineZoneTests {
    @Test(arguments: [Int64(1_795_435_200), 0, -86_401])
    func timesWestOfGreenwichMatchTheSystemFormatter(seconds: Int64) {
        let zone = TimeZone(identifier: "America/St_Johns")!
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        #expect(NoticeLine.format(seconds, zone) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }
}
