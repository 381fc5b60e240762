import WaakvlamCore

/// Bytes of feed text under construction, with the few number and date renderings feeds need.
///
/// Rendering straight into bytes keeps the writer free of per-field string
/// formatting, which would dominate the time to write millions of rows.
struct ByteBuffer {
    /// The bytes so far.
    var bytes: [UInt8]

    init(capacity: Int = 32) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The bytes as UTF-8 text.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    mutating func appendPadded(_ value: Int, width: Int) {
        if value < 0 {
            append(UInt8(ascii: "-"))
            appendPadded(-value, width: width)
            return
        }
        var digits = 1
        var divisor = 1
        while value / divisor >= 10 {
            divisor *= 10
            digits += 1
        }
        if width > digits {
            for _ in digits..<width { append(UInt8(ascii: "0")) }
        }
        var rest = value
        while divisor > 0 {
            append(UInt8(48 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// `value` in decimal.
    mutating func appendInteger(_ value: Int) { appendPadded(value, width: 1) }

    /// Euro cents as euros with two decimals: `61240` as `612.40`.
    mutating func appendCents(_ cents: Int) {
        if cents < 0 { append(UInt8(ascii: "-")) }
        let magnitude = cents.magnitude
        appendInteger(Int(magnitude / 100))
        append(UInt8(ascii: "."))
        appendPadded(Int(magnitude % 100), width: 2)
    }

    /// `YYYY-MM-DD`.
    mutating func appendDate(_ date: LocalDate) {
        appendPadded(date.year, width: 4)
        append(UInt8(ascii: "-"))
        appendPadded(date.month, width: 2)
        append(UInt8(ascii: "-"))
        appendPadded(date.day, width: 2)
    }

    /// A date, or a date-time with its offset: `2026-03-04T21:15:00+01:00`.
    mutating func appendMoment(_ date: LocalDate, _ time: SyntheticTimeOfDay?) {
        appendDate(date)
        guard let time else { return }
        append(UInt8(ascii: "T"))
        appendPadded(time.hour, width: 2)
        append(UInt8(ascii: ":"))
        appendPadded(time.minute, width: 2)
        append(":00")
        append(time.utcOffsetHours < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        appendPadded(abs(time.utcOffsetHours), width: 2)
        append(":00")
    }

    /// A signal id: `S` and at least eight digits.
    mutating func appendSignalID(_ sequence: Int) {
        append(UInt8(ascii: "S"))
        appendPadded(sequence, width: 8)
    }
}
