import Testing
@testable import WaakvlamFeeds

@Suite("CSVFieldSplitter")
struct CSVFieldSplitterTests {
    enum Split: Equatable {
        case fields([String])
        case needsMoreLines
        case malformed(String)
    }

    /// Splits `text` placed in the middle of a larger array, so slice indices do not start at 0.
    static func split(_ text: String) -> Split {
        let padded = Array("PADDING".utf8) + Array(text.utf8) + Array("TAIL".utf8)
        let slice = padded[7..<(padded.count - 4)]
        switch CSVFieldSplitter.split(slice) {
        case .fields(let fields): return .fields(fields.map { String(decoding: $0, as: UTF8.self) })
        case .needsMoreLines: return .needsMoreLines
        case .malformed(let reason): return .malformed(reason)
        }
    }

    @Test("plain fields split on commas, empty ones included", arguments: [
        ("a,b,c", ["a", "b", "c"]), ("a,,c", ["a", "", "c"]), ("", [""]), (",", ["", ""]), ("a,", ["a", ""]), (",a", ["", "a"]),
        (" a , b ", [" a ", " b "]), ("é,ü", ["é", "ü"]), (",,", ["", "", ""]),
    ])
    func plainFields(text: String, fields: [String]) {
        #expect(Self.split(text) == .fields(fields))
    }

    @Test("quoted fields may hold commas, doubled quotes and line breaks", arguments: [
        ("\"a,b\",c", ["a,b", "c"]), ("a,\"b,c\"", ["a", "b,c"]), ("\"zegt \"\"stil\"\"\"", ["zegt \"stil\""]),
        ("\"\"", [""]), ("\"\",\"\"", ["", ""]), ("\"a\",", ["a", ""]), ("\"een\ntwee\",x", ["een\ntwee", "x"]),
        ("\"\"\"\"", ["\""]), ("x,\"\",y", ["x", "", "y"]), ("\"a\",\"b\",\"c\"", ["a", "b", "c"]),
    ])
    func quotedFields(text: String, fields: [String]) {
        #expect(Self.split(text) == .fields(fields))
    }

    @Test("a quoted field still open at the end needs the next line", arguments: ["\"abc", "a,\"b", "\"a\"\"", "a,\"", "\"a,b,c", "x,\"one\nstill open"])
    func openQuote(text: String) {
        #expect(Self.split(text) == .needsMoreLines)
    }

    @Test("text after a closing quote names the field", arguments: [
        ("\"a\"b", 1), ("x,\"a\" ,y", 2), ("x,y,\"a\"\"b\"c", 3),
    ])
    func textAfterClosingQuote(text: String, field: Int) {
        #expect(Self.split(text) == .malformed("text after the closing quote of field \(field)"))
    }

    @Test("a quote inside an unquoted field names the field", arguments: [
        ("a\"b", 1), ("x,5\" screen", 2), ("x, \"y\"", 2), ("x,y,z\"", 3), ("\"ok\",b\"", 2),
    ])
    func quoteInUnquotedField(text: String, field: Int) {
        #expect(Self.split(text) == .malformed("a quote inside unquoted field \(field) (quote the whole field and double the quote)"))
    }
}
