/// JSON text written by hand where it is on the path of every notice: a `JSONEncoder` per
/// notice line was a large share of the daemon's time per signal.
public enum JSONText {
    /// `text` as a JSON string, quoted, with the escapes `JSONEncoder` writes (slashes left alone).
    /// `lineSafe` (the socket's responses) also escapes DEL and the Unicode line and paragraph
    /// separators, which some line readers and script parsers take for line ends, and writes
    /// backspace and form feed as `\u0008` and `\u000c`.
    public static func string(_ text: String, lineSafe: Bool = false) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}" where !lineSafe: out += "\\b"
            case "\u{0C}" where !lineSafe: out += "\\f"
            default:
                if scalar.value < 0x20 || (lineSafe && (scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}")) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Bytes the UTF-8 `bytes` take inside a line-safe JSON string (``string(_:lineSafe:)``),
    /// never less: what a request may carry is planned with it, so it is kept beside the escapes.
    public static func lineSafeLengthBound(_ bytes: ArraySlice<UInt8>) -> Int {
        var length = 0
        for byte in bytes {
            switch byte {
            case 0x22, 0x5C, 0x0A, 0x0D, 0x09: length += 2
            case 0..<0x20, 0x7F: length += 6
            case 0xE2: length += 4 // U+2028 and U+2029 (E2 80 A8/A9) become \u2028: 6 for 3 bytes
            default: length += 1
            }
        }
        return length
    }

    /// An array of strings as JSON.
    public static func array(_ items: [String]) -> String {
        "[" + items.map { string($0) }.joined(separator: ",") + "]"
    }

    /// A number as `JSONEncoder` writes it: no `.0` on whole values.
    public static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
