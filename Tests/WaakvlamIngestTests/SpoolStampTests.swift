import Testing
@testable import WaakvlamIngest

/// Spool files are moved on under a UTC time stamp, also for moments before 1970.
@Suite struct SpoolStampTests {
    @Test(arguments: [
        (Int64(0), "19700101T000000Z"), (1_795_435_200, "20261123T120000Z"), (-1, "19691231T235959Z"), (4_102_444_799, "20991231T235959Z"),
    ] as [(Int64, String)])
    func stampsAreUTCDigits(seconds: Int64, stamp: String) {
        #expect(SpoolDirectory.stamp(seconds) == stamp)
    }
}
