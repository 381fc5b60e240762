extension JournalLogHandler {
    /// `text` with every character that could end or forge a journal line written out:
    /// line ends as `\n` and `\r`, a tab as `\t`, the backslash itself as `\\` (so an escape
    /// is never ambiguous), and any other control character — C0, DEL, C1 (NEL among them),
    /// the Unicode line and paragraph separators — as `\u{…}`.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\\": out += "\\\\"
            case _ where needsEscape(scalar): out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A metadata value as it follows `key=`: escaped, and in double quotes (with `"` as `\"`)
    /// when it holds a space, a quote or `=`, so no value can pass for a further `key=value`.
    static func quoted(_ value: String) -> String {
        let plain = escaped(value)
        guard plain.isEmpty || plain.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else { return plain }
        return "\"" + plain.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x5C: true
        default: false
        }
    }
}
