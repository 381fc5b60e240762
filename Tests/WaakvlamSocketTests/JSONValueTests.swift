import Testing
@testable import WaakvlamSocket

@Suite("JSONValue")
struct JSONValueTests {
    @Test("Given JSON text, when parsed and written, then values survive with sorted keys")
    func roundTrip() throws {
        let value = try JSONValue(parsing: #" { "b" : [1, -2.5, 1e3, true, false, null], "a": "x\"\\\/\n\t\u00e9\ud83d\ude00", "big": 9223372036854775807 } "#)
        #expect(value["a"] == .string("x\"\\/\n\té😀"))
        #expect(value["big"] == .int(Int64.max))
        #expect(value["b"] == [1, -2.5, 1000.0, true, false, nil])
        #expect(value.jsonText == #"{"a":"x\"\\/\n\té😀","b":[1,-2.5,1000,true,false,null],"big":9223372036854775807}"#)
        #expect(try JSONValue(parsing: value.jsonText).jsonText == value.jsonText)
        #expect(JSONValue.string("\u{01}\u{2028}").jsonText == #""\u0001\u2028""#)
    }

    @Test("Given backspace, form feed, DEL and the paragraph separator, when written for the socket, then each is a \\u escape")
    func lineSafeEscapes() {
        #expect(JSONValue.string("\u{08}\u{0C}\u{7F}\u{2029}").jsonText == #""\u0008\u000c\u007f\u2029""#)
    }

    @Test("Given invalid or hostile input, when parsed, then it throws and never traps")
    func invalidInput() throws {
        for text in ["", "{", "[1,]", "{\"a\"}", "01", "-", "1.", "1e", "\"\\x\"", "\"\u{01}\"", "tru", "nul", "{\"a\":1,}", "\"\\ud800", "[" ] {
            #expect(throws: JSONParseError.self, "\(text)") { try JSONValue(parsing: text) }
        }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: String(repeating: "[", count: 100_000)) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in
                [UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""), UInt8(ascii: "\\"),
                 UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "1"), UInt8(ascii: "u"), UInt8(ascii: "e"), UInt8(ascii: "-"), 0xFF, 0x00].randomElement(using: &generator)!
            }
            _ = try? JSONValue(parsing: bytes)
        }
    }
}
