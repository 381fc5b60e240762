extension Character {
    /// `0`–`9` only: other scripts' digits are not numbers in the language.
    var isConditionDigit: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

    /// ASCII letters of either case; upper case is read so the lexer can say "write it in lower case".
    var isConditionLetter: Bool {
        asciiValue.map { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) } ?? false
    }

    /// A character that may continue a name segment: letters, digits, `_` and `-`.
    var isConditionNameCharacter: Bool { isConditionLetter || isConditionDigit || self == "_" || self == "-" }

    /// How an error message shows the character: `'@'`, or `U+0007` for what would not print.
    var quotedForMessage: String {
        if let scalar = unicodeScalars.first, unicodeScalars.count == 1,
           scalar.properties.generalCategory == .control || scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return "'\(self)'"
    }
}

