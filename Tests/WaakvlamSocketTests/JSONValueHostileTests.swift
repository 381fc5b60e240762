import Testing
@testable import WaakvlamSocket

/// The socket parser's promises on hostile input: a value or an error with its byte offset, and a depth limit of 256.
@Suite("JSONValue on hostile input")
struct JSONValueHostileTests {
    func error(_ bytes: [UInt8]) -> JSONParseError? {
        do { _ = try JSONValue(parsing: bytes); return nil } catch { return error }
    }

    @Test("given arrays nested 100,000 deep, when parsed, then it is refused as nested too deeply at byte 256")
    func givenHundredThousandDeepArrays_thenTheDepthLimitRefusesThem() {
        let failure = error(Array(String(repeating: "[", count: 100_000).utf8))
        #expect(failure == JSONParseError(message: "nested too deeply", offset: 256))
        let objects = error(Array(String(repeating: #"{"a":"#, count: 100_000).utf8))
        #expect(objects?.message == "nested too deeply")
        #expect(objects?.offset == 256 * 5)
    }

    @Test("given nesting exactly at the limit, when parsed, then 256 levels are accepted and 257 refused")
    func givenNestingAtTheLimit_thenTheBoundaryIsExact() throws {
        let limit = JSONValue.maximumDepth
        let atLimit = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        var value = try JSONValue(parsing: atLimit)
        var depth = 0
        while case .array(let inner) = value { depth += 1; value = inner.first ?? .null }
        #expect(depth == limit)
        let over = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(error(Array(over.utf8)) == JSONParseError(message: "nested too deeply", offset: limit))
    }

    @Test("given a NUL byte inside a JSON string, when parsed, then a raw one is refused at its offset and an escaped one is kept and written escaped")
    func givenANulInAString_thenRawIsRefusedAndEscapedIsKept() throws {
        #expect(error([0x22, 0x61, 0x00, 0x22]) == JSONParseError(message: "control character in string", offset: 2))
        let value = try JSONValue(parsing: #"{"op":"st\u0000atus"}"#)
        #expect(value["op"] == .string("st\u{0}atus"))
        #expect(value.jsonText == #"{"op":"st\u0000atus"}"#)
        let request = SocketRequest.parse(Array(#"{"op":"st\u0000atus","id":7}"#.utf8), peer: PeerCredentials(pid: 1, uid: 0, gid: 0), access: SocketAccess())
        guard case .failure(let rejection) = request else { Issue.record("accepted \(request)"); return }
        #expect(rejection.message.hasPrefix("unknown op \"st\u{0}atus\""))
        #expect(rejection.id == .int(7))
    }

    @Test("given extreme numbers, when parsed, then each is an exact integer or a double, and an infinite one is written as null", arguments: [
        ("1e309", JSONValue.double(.infinity), "null"), ("-1e400", .double(-.infinity), "null"), ("-0", .int(0), "0"),
        ("-0.0", .double(0), "0"), ("99999999999999999999", .double(1e20), "1e+20"), ("9223372036854775807", .int(.max), "9223372036854775807"),
        ("-9223372036854775809", .double(-9.223372036854775808e18), "-9.223372036854776e+18"), ("1e-400", .double(0), "0"),
    ])
    func givenAnExtremeNumber_thenItIsParsedAndWrittenAsJSON(text: String, expected: JSONValue, written: String) throws {
        let value = try JSONValue(parsing: text)
        #expect(value == expected)
        #expect(value.jsonText == written)
        #expect(try JSONValue(parsing: value.jsonText).jsonText == written)
    }

    @Test("given invalid UTF-8 inside a string, when parsed, then it is refused as not valid UTF-8 at the offset of the first bad byte", arguments: [
        ([0x22, 0x48, 0xFF, 0x55, 0x38, 0x22], 2),          // "H\xffU8": a byte that is never UTF-8
        ([0x22, 0x48, 0xFE, 0x55, 0x38, 0x22], 2),          // another one: it must not collapse into the same value
        ([0x22, 0xC3, 0x22], 1),                            // a lead byte without its continuation
        ([0x22, 0x41, 0x80, 0x22], 2),                      // a continuation byte without its lead
        ([0x22, 0xC0, 0xAF, 0x22], 1),                      // an overlong '/'
        ([0x22, 0xE0, 0x80, 0xAF, 0x22], 1),                // an overlong three-byte form
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),                // an encoded surrogate (CESU-8)
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),          // past U+10FFFF
        ([0x22, 0xF0, 0x9F, 0x98, 0x22], 1),                // a four-byte form cut short
        ([0x7B, 0x22, 0x6B, 0xFF, 0x22, 0x3A, 0x31, 0x7D], 3), // in a key
    ] as [([UInt8], Int)])
    func givenInvalidUTF8InAString_thenItIsRefusedAtItsOffset(bytes: [UInt8], offset: Int) {
        #expect(error(bytes) == JSONParseError(message: "not valid UTF-8", offset: offset))
    }

    @Test("given well-formed UTF-8 of every length, when parsed, then each string is kept byte for byte")
    func givenValidUTF8_thenItIsKeptExactly() throws {
        for text in ["é", "€", "😀", "\u{10FFFF}", "\u{D7FF}\u{E000}", "H€U8 😀 ok"] {
            let value = try JSONValue(parsing: Array("\"\(text)\"".utf8))
            #expect(value == .string(text))
            #expect(Array(value.stringValue!.utf8) == Array(text.utf8))
        }
    }

    @Test("given a \\u escape of a lone surrogate, when parsed, then it is refused at the escape instead of becoming U+FFFD", arguments: [
        (#""\ud800x""#, 1), (#""ab\udc00""#, 3), (#""\ud800\u0041""#, 1), (#"{"op":"status","id":"\udbff"}"#, 21),
    ])
    func givenALoneSurrogateEscape_thenItIsRefused(text: String, offset: Int) throws {
        #expect(error(Array(text.utf8)) == JSONParseError(message: "\\u escape of a lone surrogate is not valid UTF-8", offset: offset))
        #expect(try JSONValue(parsing: #""\ud83d\ude00""#) == .string("😀"))
    }

    @Test("given 0xFF and NUL bytes outside strings, when parsed, then each is an error at its offset")
    func givenBadBytesOutsideStrings_thenTheyAreRefused() {
        #expect(error([0x5B, 0x31, 0x2C, 0xFF, 0x5D]) == JSONParseError(message: "unexpected character", offset: 3))
        #expect(error([0x7B, 0x7D, 0x00]) == JSONParseError(message: "unexpected data after the JSON value", offset: 2))
    }
}
