import WaakvlamSocket

/// A request line through the socket's JSON parser and request checks.
///
/// Properties: no trap; the parser returns a value or an error with a message and an offset
/// inside the input; a value's JSON text parses again and prints the same (so responses built
/// from it are JSON); the request is accepted or refused with a message, the same way twice;
/// input that is not valid UTF-8 is never a value nor a request, and no string gains a U+FFFD
/// that the input did not send (nothing is decoded lossily).
public struct SocketFuzzTarget: FuzzTarget {
    public var name: String { "socket" }

    /// A reader without write access, so the permission check is on the path too.
    static let access = SocketAccess(readUsers: [1_000], trustedUsers: [0])
    static let peer = PeerCredentials(pid: 1, uid: 1_000, gid: 1_000)

    /// The socket request parser's target.
    public init() {}

    public var dictionary: [[UInt8]] {
        ["{", "}", "[", "]", ":", ",", "\"", "\\\"", "\\\\", "\\u0000", "\\ud800", "\\udbff\\udfff", "\\ud800\\u0041", "\\u12", "\\x",
         "null", "true", "false", "tru", "{}", "[]", "\"op\"", "\"id\"", "\"status\"", "\"ingest\"", "\"subscribe\"", "\"explain\"",
         "\"ack\"", "\"after\"", "\"data\"", "\"format\"", "1e309", "-0", "0.0e-0", "1E+2", "01", "-", "1.", ".1", "1e", "-e5",
         "99999999999999999999", "-9223372036854775809"].map { Array($0.utf8) }
    }

    public var generatedInputs: [[UInt8]] {
        [
            HostileInputs.repeated("[", 100_000),
            HostileInputs.repeated("{\"a\":", 100_000),
            HostileInputs.repeated("[", 256) + HostileInputs.repeated("]", 256),
            HostileInputs.repeated("[", 257) + HostileInputs.repeated("]", 257),
            Array("{\"op\":\"status\",\"id\":".utf8) + HostileInputs.repeated("9", 10_000) + [0x7D],
            Array("{\"op\":\"status\",\"id\":\"".utf8) + HostileInputs.repeated("\\ud800", 1_000) + Array("\"}".utf8),
            Array("{\"op\":\"st\u{0}atus\"}".utf8),
            [0x22, 0x00, 0x22], [0x22, 0xFF, 0xC3, 0x22], [0x2D], [],
        ]
    }

    public func check(_ input: [UInt8]) -> [String] {
        var broken: [String] = []
        do {
            let value = try JSONValue(parsing: input)
            let text = value.jsonText
            do {
                let again = try JSONValue(parsing: text)
                if again.jsonText != text { broken.append("printing is not stable: \(text.prefix(80)) → \(again.jsonText.prefix(80))") }
            } catch {
                broken.append("the printed value is not JSON (\(error)): \(text.prefix(80))")
            }
            if Self.holdsReplacementCharacter(value), !Self.sendsReplacementCharacter(input) {
                broken.append("a string holds U+FFFD that the input did not send: \(text.prefix(80))")
            }
        } catch {
            if error.message.isEmpty { broken.append("a parse error without a message") }
            if error.offset < 0 || error.offset > input.count { broken.append("error offset \(error.offset) outside \(input.count) bytes") }
        }
        let first = SocketRequest.parse(input, peer: Self.peer, access: Self.access)
        if first != SocketRequest.parse(input, peer: Self.peer, access: Self.access) { broken.append("two parses of the same request differ") }
        if case .failure(let rejection) = first, rejection.message.isEmpty { broken.append("a refused request without a message") }
        if String(validating: input, as: UTF8.self) == nil {
            if (try? JSONValue(parsing: input)) != nil { broken.append("bytes that are not UTF-8 parsed as a value") }
            if case .success = first { broken.append("a request with bytes that are not UTF-8 was accepted") }
        }
        return broken
    }

    /// Some string (or key) in `value` holds U+FFFD.
    static func holdsReplacementCharacter(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): text.unicodeScalars.contains("\u{FFFD}")
        case .array(let elements): elements.contains(where: holdsReplacementCharacter)
        case .object(let members): members.contains { $0.key.unicodeScalars.contains("\u{FFFD}") || holdsReplacementCharacter($0.value) }
        default: false
        }
    }

    /// The input holds U+FFFD itself, as its UTF-8 bytes or as a `\uFFFD` escape.
    static func sendsReplacementCharacter(_ input: [UInt8]) -> Bool {
        let encoded: [UInt8] = [0xEF, 0xBF, 0xBD]
        let escape = Array("\\ufffd".utf8)
        let lowered = input.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        func holds(_ needle: [UInt8]) -> Bool {
            guard lowered.count >= needle.count else { return false }
            return (0...(lowered.count - needle.count)).contains { lowered[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
        return holds(encoded) || holds(escape)
    }
}
