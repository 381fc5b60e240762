import Testing
import WaakvlamCore
@testable import WaakvlamFeeds

/// NUL bytes, deep nesting and extreme numbers: the bad record is refused on its own line, its neighbours are kept.
@Suite("FeedReader on hostile input")
struct FeedReaderHostileTests {
    static let header = "source,id,type,occurred_at,resident,note\n"
    static let good = "crm,1,overlast.geluid,2026-11-01,H1,ok\n"
    static func json(_ id: String) -> String {
        #"{"source":"crm","id":"\#(id)","type":"overlast.geluid","occurred_at":"2026-11-01","resident":"H1"}"# + "\n"
    }

    @Test("given a NUL byte inside an unquoted and a quoted CSV field, when read, then both rows are refused on their lines and the good rows are kept")
    func givenANulByteInACSVField_thenOnlyThatRowIsRefused() throws {
        let bytes = Array((Self.header + Self.good).utf8) + Array("crm,2,overlast.geluid,2026-11-01,H\u{0}2,x\n".utf8)
            + Array("crm,3,overlast.geluid,2026-11-01,H3,\"a\u{0}b\"\n".utf8) + Array(Self.good.utf8)
        let outcomes = try Feed.read(bytes)
        #expect(outcomes.count == 4)
        #expect(outcomes[0].values?["id"] == "1")
        #expect(outcomes[1] == .rejected(3, "record contains a NUL byte (binary data is not a feed)"))
        #expect(outcomes[2] == .rejected(4, "record contains a NUL byte (binary data is not a feed)"))
        #expect(outcomes[3].line == 5 && outcomes[3].values != nil)
    }

    @Test("given a NUL byte in a quoted field that continues on the next line, when read, then the record is refused and the next row kept")
    func givenANulByteInAMultiLineField_thenTheRecordIsRefused() throws {
        let outcomes = try Feed.read(Self.header + "crm,2,overlast.geluid,2026-11-01,H2,\"one\ntwo\u{0}\"\n" + Self.good)
        #expect(outcomes.first?.line == 2 && outcomes.first?.reason != nil)
        #expect(outcomes.last?.values?["id"] == "1")
    }

    @Test("given a raw NUL byte inside a JSON string, when read, then the line is refused; an escaped \\u0000 reaches the decoder")
    func givenANulInAJSONString_thenTheLineIsRefused() throws {
        let raw = Array(Self.json("1").utf8) + Array(#"{"source":"crm","id":"2","note":"a"#.utf8) + [0] + Array("b\"}\n".utf8) + Array(Self.json("3").utf8)
        let outcomes = try Feed.read(raw, format: .jsonLines)
        #expect(outcomes.map(\.line) == [1, 2, 3])
        #expect(outcomes[1].reason == "record contains a NUL byte (binary data is not a feed)")
        let escaped = try Feed.read(#"{"source":"crm","id":"2","note":"a\u0000b"}"#, format: .jsonLines)
        #expect(escaped.first?.values?["note"] == "a\u{0}b")
    }

    @Test("given JSON nested 60,000 deep in a JSON Lines feed, when read, then that line is refused as not JSON and the next is kept")
    func givenDeeplyNestedJSONInAJSONLinesFeed_thenTheLineIsRefused() throws {
        for deep in [String(repeating: "[", count: 60_000), String(repeating: #"{"a":"#, count: 12_000), String(repeating: "[", count: 3_000) + String(repeating: "]", count: 3_000)] {
            let outcomes = try Feed.read(Self.json("1") + deep + "\n" + Self.json("3"), format: .jsonLines)
            #expect(outcomes.map(\.line) == [1, 2, 3])
            #expect(outcomes[1].reason?.hasPrefix("record is not") == true, "\(outcomes[1])")
            #expect(outcomes[2].values?["id"] == "3")
        }
    }

    @Test("given JSON nested 100,000 deep with a record limit that lets it in, when read, then it is refused without exhausting the stack")
    func givenAHundredThousandDeepJSON_thenItIsRefused() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let outcomes = try Feed.read(deep + "\n" + Self.json("2"), format: .jsonLines, settings: Feed.settings(maxRecordBytes: 1 << 20))
        #expect(outcomes.count == 2)
        #expect(outcomes[0].reason?.hasPrefix("record is not") == true, "\(outcomes[0])")
        #expect(outcomes[1].values?["id"] == "2")
    }

    @Test("given extreme JSON numbers, when read, then each becomes text the decoder can judge, never a trap", arguments: [
        ("99999999999999999999", "99999999999999999999"), ("-0", "0"), ("1e14", "100000000000000"), ("12.5", "12.5"),
        ("9223372036854775807", "9223372036854775807"), ("-9223372036854775809", "-9223372036854775809"), ("1e-400", "0"),
    ])
    func givenAnExtremeJSONNumber_thenItBecomesText(number: String, expected: String) throws {
        let outcomes = try Feed.read(#"{"source":"crm","id":"1","type":"overlast.geluid","amount":\#(number)}"#, format: .jsonLines)
        #expect(outcomes.count == 1)
        let amount = outcomes.first?.values?["amount"]
        #expect(amount != nil, "\(outcomes)")
        #expect(amount == expected)
    }

    @Test("given a JSON number beyond Double, when read, then only its line is refused as not JSON")
    func givenANumberBeyondDouble_thenTheLineIsRefused() throws {
        let outcomes = try Feed.read(#"{"source":"crm","amount":1e400}"# + "\n" + Self.json("2"), format: .jsonLines)
        #expect(outcomes.first == .rejected(1, "record is not valid JSON (each line must hold one JSON object)"))
        #expect(outcomes.last?.values?["id"] == "2")
    }
}
