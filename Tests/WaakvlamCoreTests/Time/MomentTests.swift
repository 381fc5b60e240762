import Testing
@testable import WaakvlamCore

@Suite("Moment")
struct MomentTests {
    /// 2026-11-02T13:30:00Z.
    static let halfPastOneUTC: Int64 = 1_793_626_200

    @Test("a plain date stays a local date")
    func plainDate() throws {
        let moment = try #require(Moment(parsing: "2026-11-02"))
        #expect(moment == .date(try #require(LocalDate(year: 2026, month: 11, day: 2))))
    }

    @Test("every written form of the same instant is the same instant", arguments: [
        "2026-11-02T14:30:00+01:00", "2026-11-02T13:30:00Z", "2026-11-02T13:30Z", "2026-11-02T14:30+01:00",
        "2026-11-02 14:30:00+01:00", "2026-11-02T14:30:00+0100", "2026-11-02T14:30:00+01", "2026-11-02T08:30:00-05:00",
        "2026-11-02T13:30:00.000Z", "2026-11-02T13:30:00.999999999Z", "2026-11-02T13:30:00,5Z", "2026-11-02T13:30:00+00:00",
        "2026-11-02T13:30:00-00:00", "2026-11-03T03:30:00+14:00", "2026-11-02T00:00:00-13:30",
    ])
    func sameInstant(text: String) throws {
        let moment = try #require(Moment(parsing: text))
        #expect(moment == .instant(Self.halfPastOneUTC))
    }

    @Test("seconds count, fractions are dropped")
    func seconds() throws {
        #expect(Moment(parsing: "2026-11-02T13:30:59Z") == .instant(Self.halfPastOneUTC + 59))
        #expect(Moment(parsing: "2026-11-02T13:30:59.9Z") == .instant(Self.halfPastOneUTC + 59))
    }

    @Test("an offset may move the instant to another UTC date")
    func offsetAcrossMidnight() {
        // 2026-01-01T00:30+01:00 is 2025-12-31T23:30Z
        #expect(Moment(parsing: "2026-01-01T00:30:00+01:00") == .instant(1_767_225_600 - 1_800))
        #expect(Moment(parsing: "2025-12-31T23:30:00-01:00") == .instant(1_767_225_600 + 1_800))
    }

    @Test("instants before 1970 are negative")
    func beforeEpoch() {
        #expect(Moment(parsing: "1969-12-31T23:59:59Z") == .instant(-1))
        #expect(Moment(parsing: "1900-01-01T00:00:00Z") == .instant(-2_208_988_800))
    }

    @Test("a date-time without an offset is refused: it is ambiguous at a clock change", arguments: [
        "2026-11-02T14:30:00", "2026-11-02T14:30", "2026-11-02 14:30:00", "2026-11-02T14:30:00.5",
    ])
    func refusesWithoutOffset(text: String) {
        #expect(Moment(parsing: text) == nil)
    }

    @Test("malformed or impossible moments are refused", arguments: [
        "", "2026-11-02T", "2026-11-02T14Z", "2026-11-02T1:30:00Z", "2026-11-02T14:3Z", "2026-11-02X14:30:00Z",
        "2026-11-02T24:00:00Z", "2026-11-02T14:60:00Z", "2026-11-02T14:30:60Z", "2026-11-02T14:30:00.Z",
        "2026-11-02T14:30:00.1234567890Z", "2026-11-02T14:30:00+15:00", "2026-11-02T14:30:00+01:60",
        "2026-11-02T14:30:00+1:00", "2026-11-02T14:30:00+01:0", "2026-11-02T14:30:00+010", "2026-11-02T14:30:00 +01:00",
        "2026-11-02T14:30:00+01:00 ", "2026-11-02T14:30:00ZZ", "2026-11-02T14:30:00Z+01:00", "2026-02-30T10:00:00Z",
        "1899-12-31T23:00:00Z", "2200-01-01T00:00:00Z", "2026-11-02T14-30-00Z", "2026-11-02T14:30:00*01:00",
        "2026-11-2", "2026-11-02Z", "02-11-2026", "2026-11-02T14:30:ab+01:00", "2026-11-02Thh:30:00Z",
    ])
    func refusesMalformed(text: String) {
        #expect(Moment(parsing: text) == nil)
    }

    @Test("dates outside 1900-2199 are refused as plain dates too")
    func refusesDatesOutsideRange() {
        #expect(Moment(parsing: "1899-12-31") == nil)
        #expect(Moment(parsing: "2200-01-01") == nil)
    }
}
