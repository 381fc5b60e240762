import Testing
import WaakvlamCore
@testable import WaakvlamFeeds

@Suite("JSONLineDecoder")
struct JSONLineDecoderTests {
    func decode(_ line: String, ignoring ignored: Set<String> = []) -> Result<FieldValues, FeedRecordError> {
        JSONLineDecoder.values(of: Array(line.utf8)[...], ignoring: ignored)
    }

    func reason(_ line: String, ignoring ignored: Set<String> = []) -> String? {
        if case .failure(let error) = decode(line, ignoring: ignored) { return error.description }
        return nil
    }

    @Test("string values land in their fields")
    func strings() throws {
        let values = try decode("{\"resident\":\"R-1\",\"building\":\"B-1\",\"note\":\"café\"}").get()
        #expect(values[.resident] == "R-1")
        #expect(values[.building] == "B-1")
        #expect(values[.note] == "café")
        #expect(!values.has(.type))
    }

    @Test("numbers become their shortest decimal text", arguments: [
        ("45", "45"), ("45.0", "45"), ("0", "0"), ("1234.5", "1234.5"), ("1234.50", "1234.5"), ("0.05", "0.05"), ("1e3", "1000"),
        ("-3", "-3"), ("123456789012", "123456789012"),
    ])
    func numbers(json: String, text: String) throws {
        let values = try decode("{\"amount\": \(json)}").get()
        #expect(values[.amount] == text)
    }

    @Test("true and false are not numbers", arguments: ["true", "false"])
    func booleans(json: String) {
        #expect(reason("{\"days_overdue\": \(json)}") == "field 'days_overdue' must be a string or a number")
    }

    @Test("objects and arrays are refused", arguments: ["{}", "[]", "[\"a\"]", "{\"x\": 1}"])
    func nested(json: String) {
        #expect(reason("{\"unit\": \(json)}") == "field 'unit' must be a string or a number")
    }

    @Test("null leaves a field absent")
    func null() throws {
        let values = try decode("{\"unit\": null, \"resident\": \"R-1\"}").get()
        #expect(!values.has(.unit))
        #expect(values[.resident] == "R-1")
    }

    @Test("the first unknown key in name order is named; ignored keys are skipped")
    func unknownKeys() {
        #expect(reason("{\"zeta\":1,\"alpha\":2,\"resident\":\"R\"}") == "unknown field 'alpha' (add it to ingest.ignored_columns in waakvlam.yaml to ignore it)")
        #expect(reason("{\"zeta\":1,\"alpha\":2}", ignoring: ["alpha"]) == "unknown field 'zeta' (add it to ingest.ignored_columns in waakvlam.yaml to ignore it)")
        #expect(reason("{\"zeta\":[true],\"alpha\":null}", ignoring: ["alpha", "zeta"]) == nil)
    }

    @Test("an unknown key is quoted safely in the reason")
    func unknownKeyQuoted() {
        let key = String(repeating: "k", count: 60)
        #expect(reason("{\"\(key)\":1}") == "unknown field '\(String(repeating: "k", count: 40))…' (add it to ingest.ignored_columns in waakvlam.yaml to ignore it)")
        #expect(reason("{\"a\\nb\":1}") == "unknown field 'a?b' (add it to ingest.ignored_columns in waakvlam.yaml to ignore it)")
    }

    @Test("something other than an object is not a record", arguments: ["[]", "[{\"resident\":\"R-1\"}]", "1", "\"x\"", "null", "false"])
    func notAnObject(line: String) {
        #expect(reason(line) == "is not a JSON object (each line must hold one {…} object)")
    }

    @Test("broken JSON is refused", arguments: ["", "{", "{\"a\"}", "{'a': 1}", "{\"a\": 1} x", "resident,building", "{\"a\": tru}"])
    func invalid(line: String) {
        #expect(reason(line) == "is not valid JSON (each line must hold one JSON object)")
    }

    @Test("given a key written twice, when decoded, then the record is refused naming the key, whichever value comes last", arguments: [
        #"{"type":"overlast.geluid","type":"veiligheid.calamiteit"}"#, #"{"type":"a","resident":"H1","typ\u0065":"b"}"#,
    ])
    func duplicateKey(line: String) {
        #expect(reason(line) == "holds key 'type' twice (each key may appear once)")
    }

    @Test("given the same key in a nested value of an ignored field, when decoded, then it is not a duplicate")
    func nestedKeysAreNotDuplicates() {
        #expect(reason(#"{"type":"a","extra":{"type":"b","x":[{"type":1}]}}"#, ignoring: ["extra"]) == nil)
    }

    @Test("given a \\u escape of half a surrogate pair, when decoded, then the record is refused (JSONSerialization already does)", arguments: [
        #"{"note":"a\ud800"}"#, #"{"note":"\udc00b"}"#, #"{"note":"\ud800\ud800\udc00"}"#, #"{"x\ud800":1}"#,
    ])
    func unpairedSurrogate(line: String) {
        #expect(reason(line) == "is not valid JSON (each line must hold one JSON object)")
    }

    @Test("given a whole surrogate pair, when decoded, then the character is kept")
    func surrogatePair() throws {
        #expect(try decode(#"{"note":"\ud83d\ude00"}"#).get()[.note] == "😀")
    }

    @Test("given an id or a reference as a JSON number, when decoded, then it is the text as written, so 1.0 is not 1", arguments: [
        ("1.0", "1.0"), ("1", "1"), ("1e2", "1e2"), ("-0", "-0"), ("12.50", "12.50"),
    ])
    func numberIDsKeepTheirText(json: String, text: String) throws {
        let values = try decode("{\"id\": \(json), \"resident\":\(json),\"amount\":\(json)}").get()
        #expect(values[.id] == text)
        #expect(values[.resident] == text)
    }
}
