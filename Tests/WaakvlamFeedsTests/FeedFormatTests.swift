import Testing
@testable import WaakvlamFeeds

@Suite("FeedFormat")
struct FeedFormatTests {
    @Test("the file name's extension names the format", arguments: [
        ("signals.csv", FeedFormat?.some(.csv)), ("SIGNALS.CSV", .csv), ("a.b.csv", .csv), ("feed.jsonl", .jsonLines),
        ("feed.ndjson", .jsonLines), ("feed.json", .jsonLines), ("feed.JSONL", .jsonLines), ("feed.txt", nil), ("csv", nil),
        ("feed.csv.gz", nil), ("-", nil), ("", nil),
    ])
    func fromFileName(name: String, format: FeedFormat?) {
        #expect(FeedFormat(fileName: name) == format)
    }

    @Test("a first line starting with '{' is JSON Lines, anything else CSV", arguments: [
        ("{\"a\":1}", FeedFormat.jsonLines), ("  \t{", .jsonLines), ("source,id", .csv), ("", .csv), ("[1]", .csv), ("\"{\"", .csv),
    ])
    func sniff(line: String, format: FeedFormat) {
        #expect(FeedFormat.sniff(Array(line.utf8)[...]) == format)
    }

    @Test("raw values are the names commands use")
    func rawValues() {
        #expect(FeedFormat.csv.rawValue == "csv")
        #expect(FeedFormat.jsonLines.rawValue == "jsonl")
    }
}
