/// Checks that record bytes are text the daemon can store: UTF-8, without NUL bytes.
enum TextCheck {
    /// A reason to refuse `bytes`, or nil when they are fine.
    static func problem(in bytes: ArraySlice<UInt8>) -> String? {
        var isASCII = true
        for byte in bytes {
            if byte == 0 { return "contains a NUL byte (binary data is not a feed)" }
            if byte >= 0x80 { isASCII = false }
        }
        if isASCII { return nil }
        if String(validating: bytes, as: UTF8.self) == nil { return "is not valid UTF-8 (save the file as UTF-8)" }
        return nil
    }

    /// A string from bytes that ``problem(in:)`` accepted.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
