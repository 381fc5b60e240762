/// When something happened, as a feed wrote it: a local date, or an instant with an offset.
public enum Moment: Sendable, Hashable {
    /// A local calendar date (`2026-11-02`); the day starts at local midnight.
    case date(LocalDate)
    /// An exact instant, in seconds since the epoch (`2026-11-02T14:30:00+01:00`).
    case instant(Int64)

    /// Parses ISO 8601: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM`.
    ///
    /// A date-time without an offset is refused: it would mean different
    /// instants on the two sides of a clock change.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        if bytes.count == 10 {
            guard let date = LocalDate(parsing: text) else { return nil }
            self = .date(date)
            return
        }
        guard bytes.count >= 17, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              let date = LocalDate(parsing: String(decoding: bytes[0..<10], as: UTF8.self)),
              bytes[13] == UInt8(ascii: ":"),
              let hour = ISODigits.number(bytes[11..<13]), let minute = ISODigits.number(bytes[14..<16]),
              hour < 24, minute < 60 else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard index + 3 <= bytes.count, let value = ISODigits.number(bytes[(index + 1)..<(index + 3)]), value < 60 else { return nil }
            second = value
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                let start = index
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
                guard index > start, index - start <= 9 else { return nil }
            }
        }
        guard let offset = Self.offsetSeconds(bytes[index...]) else { return nil }
        let local = date.daysSinceEpoch * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
        self = .instant(local - offset)
    }

    private static func offsetSeconds(_ bytes: ArraySlice<UInt8>) -> Int64? {
        guard let sign = bytes.first else { return nil }
        if sign == UInt8(ascii: "Z"), bytes.count == 1 { return 0 }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let rest = Array(bytes.dropFirst())
        let hours: Int?, minutes: Int?
        switch rest.count {
        case 5 where rest[2] == UInt8(ascii: ":"):
            hours = ISODigits.number(rest[0..<2]); minutes = ISODigits.number(rest[3..<5])
        case 4:
            hours = ISODigits.number(rest[0..<2]); minutes = ISODigits.number(rest[2..<4])
        case 2:
            hours = ISODigits.number(rest[0..<2]); minutes = 0
        default:
            return nil
        }
        guard let hours, let minutes, hours <= 14, minutes < 60 else { return nil }
        let magnitude = Int64(hours * 3_600 + minutes * 60)
        return sign == UInt8(ascii: "+") ? magnitude : -magnitude
    }
}
