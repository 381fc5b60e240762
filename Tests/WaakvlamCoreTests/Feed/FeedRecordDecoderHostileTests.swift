import Testing
@testable import WaakvlamCore

/// Absurd dates and huge amounts: each is refused with a reason that names the value, or stored exactly.
extension FeedRecordDecoderTests {
    @Test("given an occurred_at outside the calendar or the accepted years, when decoded, then it is refused and named", arguments: [
        "0000-00-00", "0000-01-01", "0001-01-01", "9999-12-31", "10000-01-01", "+10000-01-01", "2026-02-30", "2025-02-29", "2100-02-29",
        "2026-13-01", "2026-00-10", "2026-11-00", "2026-11-32", "-001-01-01", "2026-11-02T23:59:60Z", "2026-11-02T24:00:00Z",
        "2026-11-02T23:60:00Z", "2026-11-02T14:30:00.0000000001Z", "2026-11-02T14:30:00+15:00", "2026-11-02T14:30:00-99:99",
        "1899-12-31T23:59:59Z", "2026-11-02T14:30:00+01:00\u{0}", "２０２６-11-02", "2026-11-02T14:30:00ZZ",
    ])
    func givenAnAbsurdOccurredAt_thenItIsRefusedAndNamed(text: String) throws {
        let reason = try reason(Self.with(Self.signalFields, ["occurred_at": text]))
        #expect(reason.hasPrefix("occurred_at '\(FeedRecordDecoder.quoted(text))' is not an ISO 8601 date"), "\(reason)")
    }

    @Test("given a date before the epoch, when decoded, then it is stored as a negative instant")
    func givenADateBeforeTheEpoch_thenItIsStoredAsANegativeInstant() throws {
        #expect(try signal(Self.with(Self.signalFields, ["occurred_at": "1969-12-31T23:59:59Z"])).occurredAt == -1)
        // The earliest instant a feed can write: 1900-01-01 00:00 at +14:00.
        let earliest = try signal(Self.with(Self.signalFields, ["occurred_at": "1900-01-01T00:00:00+14:00"]))
        #expect(earliest.occurredAt == -2_208_988_800 - 14 * 3_600)
        #expect(try signal(Self.with(Self.signalFields, ["occurred_at": "2024-02-29"])).dateOnly)
    }

    @Test("given a registry date outside the calendar, when decoded, then it is refused and named", arguments: [
        "0000-00-00", "9999-12-31", "10000-01-01", "2026-02-30", "1899-12-31",
    ])
    func givenAnAbsurdMovedIn_thenItIsRefusedAndNamed(text: String) throws {
        let reason = try reason(["resident": "H1", "building": "B1", "moved_in": text])
        #expect(reason == "moved_in '\(text)' is not a date (YYYY-MM-DD, 1900-2199)")
    }

    @Test("given an amount beyond Int64 cents, in exponent form or with thousands separators, when decoded, then it is refused and named", arguments: [
        "99999999999999999999", "9223372036854775807", "9223372036854775808", "92233720368547758.07", "1e400", "1E309", "-0",
        "1,000,000.00", "1.000.000,00", "1 000 000", "10_000_000", "99999999.99", "10000000.001", "0.001", "Infinity", "NaN",
        "0x10", "١٢٣", "12\u{0}", String(repeating: "9", count: 10_000),
    ])
    func givenAHugeAmount_thenItIsRefusedAndNamed(text: String) throws {
        let reason = try reason(Self.with(Self.signalFields, ["type": "achterstand.huur", "amount": text]))
        #expect(reason.hasPrefix("amount '\(FeedRecordDecoder.quoted(text))' is not a number of euros"), "\(reason)")
        #expect(FeedRecordDecoder.cents(text) == nil)
    }

    @Test("given the largest amount with cents and the largest whole numbers, when decoded, then they are kept exactly")
    func givenTheLargestAmounts_thenTheyAreKeptExactly() throws {
        #expect(FeedRecordDecoder.cents("10000000.00") == 1_000_000_000)
        #expect(FeedRecordDecoder.cents("00000000.1") == 10)
        #expect(try signal(Self.with(Self.signalFields, ["type": "achterstand.huur", "days_overdue": "36500"])).daysOverdue == 36_500)
    }

    @Test("given whole numbers beyond Int64, when decoded, then they are refused and named", arguments: [
        ("days_overdue", "99999999999999999999"), ("days_overdue", "-0"), ("days_overdue", "1e9"),
    ])
    func givenAHugeWholeNumber_thenItIsRefusedAndNamed(field: String, text: String) throws {
        let reason = try reason(Self.with(Self.signalFields, [field: text]))
        #expect(reason.hasPrefix("\(field) '\(text)' is not a whole number"), "\(reason)")
    }

    @Test("given a NUL character in a note or a reference, when decoded, then the record is refused and the reason names the field")
    func givenANulCharacter_thenTheRecordIsRefused() throws {
        #expect(try reason(Self.with(Self.signalFields, ["resident": "H\u{0}1"])) == "resident must be at most 128 bytes without control characters")
        #expect(try reason(Self.with(Self.signalFields, ["note": "before\u{0}after"])) == "note must not contain NUL characters")
        #expect(try signal(Self.with(Self.signalFields, ["note": "two\nlines"])).note == "two\nlines")
    }
}
