import Testing
@testable import WaakvlamFeeds

@Suite("TextCheck")
struct TextCheckTests {
    @Test("ASCII and valid UTF-8 are text", arguments: ["", "R-1,B-1", "café", "Ærø 🔥", "\t\r"])
    func validText(text: String) {
        #expect(TextCheck.problem(in: Array(text.utf8)[...]) == nil)
        #expect(TextCheck.string(Array(text.utf8)[...]) == text)
    }

    @Test("bytes that are not UTF-8 are refused", arguments: [
        [0xE9] as [UInt8], [0x43, 0x61, 0x66, 0xE9], [0xC3], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF, 0xFE],
    ])
    func invalidUTF8(bytes: [UInt8]) {
        #expect(TextCheck.problem(in: bytes[...]) == "is not valid UTF-8 (save the file as UTF-8)")
    }

    @Test("a NUL byte is refused, even in otherwise valid text")
    func nul() {
        #expect(TextCheck.problem(in: [0x61, 0x00, 0x62][...]) == "contains a NUL byte (binary data is not a feed)")
        #expect(TextCheck.problem(in: Array("é\u{0}".utf8)[...]) == "contains a NUL byte (binary data is not a feed)")
    }

    @Test("only the slice is checked, not the bytes around it")
    func slice() {
        let bytes: [UInt8] = [0xFF, 0x61, 0x62, 0x00]
        #expect(TextCheck.problem(in: bytes[1..<3]) == nil)
    }
}
