import Testing
import WaakvlamCore
@testable import WaakvlamFeeds

/// One item as a test compares it: what was reported on which line.
enum Outcome: Equatable, CustomStringConvertible {
    case record(Int, [String: String])
    case rejected(Int, String)
    case continuation

    var description: String {
        switch self {
        case .record(let line, let values): "\(line): record \(values.sorted { $0.key < $1.key })"
        case .rejected(let line, let reason): "\(line): rejected: \(reason)"
        case .continuation: "continuation"
        }
    }

    var line: Int? {
        switch self {
        case .record(let line, _), .rejected(let line, _): line
        case .continuation: nil
        }
    }

    var reason: String? {
        if case .rejected(_, let reason) = self { return reason }
        return nil
    }

    var values: [String: String]? {
        if case .record(_, let values) = self { return values }
        return nil
    }
}

/// Reads feeds in memory the way the ingest path does.
enum Feed {
    static func settings(maxRecordBytes: Int = 65_536, ignoring ignored: Set<String> = []) -> IngestSettings {
        var settings = IngestSettings.defaults
        settings.maxRecordBytes = maxRecordBytes
        settings.ignoredColumns = ignored
        return settings
    }

    static func read<S: ByteSource>(_ reader: inout FeedReader<S>) throws -> [Outcome] {
        var outcomes: [Outcome] = []
        while let item = try reader.next() {
            switch item {
            case .record(let line, let values, _):
                var dictionary: [String: String] = [:]
                for field in FeedField.allCases { if let value = values[field] { dictionary[field.name] = value } }
                outcomes.append(.record(line, dictionary))
            case .rejected(let line, let reason, _):
                outcomes.append(.rejected(line, reason))
            case .rejectedContinuation:
                outcomes.append(.continuation)
            }
        }
        return outcomes
    }

    static func read(_ bytes: [UInt8], format: FeedFormat? = nil, settings: IngestSettings = settings()) throws -> [Outcome] {
        var reader = FeedReader(source: MemorySource(bytes), format: format, settings: settings)
        return try read(&reader)
    }

    static func read(_ text: String, format: FeedFormat? = nil, settings: IngestSettings = settings()) throws -> [Outcome] {
        try read(Array(text.utf8), format: format, settings: settings)
    }
}

@Suite("FeedReader: CSV")
struct FeedReaderCSVTests {
    static let header = "source,id,type,occurred_at,resident\n"

    @Test("rows become records keyed by the header, numbered by their line")
    func readsRows() throws {
        let outcomes = try Feed.read(Self.header + "crm,1,overlast.geluid,2026-11-01,R-1\ncrm,2,overlast.drugs,2026-11-02,R-2\n")
        #expect(outcomes == [
            .record(2, ["source": "crm", "id": "1", "type": "overlast.geluid", "occurred_at": "2026-11-01", "resident": "R-1"]),
            .record(3, ["source": "crm", "id": "2", "type": "overlast.drugs", "occurred_at": "2026-11-02", "resident": "R-2"]),
        ])
    }

    @Test("a UTF-8 BOM and CRLF line ends are accepted")
    func bomAndCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("source,id,type,occurred_at,resident\r\ncrm,1,overlast.geluid,2026-11-01,R-1\r\ncrm,2,overlast.geluid,2026-11-01,R-2".utf8)
        var reader = FeedReader(source: MemorySource(bytes), format: nil, settings: Feed.settings())
        let outcomes = try Feed.read(&reader)
        #expect(outcomes.map(\.line) == [2, 3], "\(outcomes)")
        #expect(outcomes.first?.values?["source"] == "crm")
        #expect(outcomes.last?.values?["resident"] == "R-2")
        #expect(reader.format == .csv)
        #expect(reader.header.map { String(decoding: $0, as: UTF8.self) } == "source,id,type,occurred_at,resident")
    }

    @Test("header names may be quoted and padded with spaces")
    func headerNames() throws {
        let outcomes = try Feed.read("\"source\", id ,type\t,occurred_at,resident\ncrm,1,overlast.geluid,2026-11-01,R-1\n")
        #expect(outcomes == [.record(2, ["source": "crm", "id": "1", "type": "overlast.geluid", "occurred_at": "2026-11-01", "resident": "R-1"])])
    }

    @Test("columns may come in any order and empty values are absent")
    func columnOrderAndEmptyValues() throws {
        let outcomes = try Feed.read("resident,building,unit\nR-1,B-1,\nR-2,,U-2\n")
        #expect(outcomes == [.record(2, ["resident": "R-1", "building": "B-1"]), .record(3, ["resident": "R-2", "unit": "U-2"])])
    }

    @Test("an unknown column rejects the header and every row, each with its own line")
    func unknownColumn() throws {
        let outcomes = try Feed.read("resident,building,export_batch\nR-1,B-1,7\n\nR-2,B-2,7\n")
        #expect(outcomes.map(\.line) == [1, 2, 4])
        #expect(outcomes[0].reason == "the header on line 1 has unknown column 'export_batch' (add it to ingest.ignored_columns in waakvlam.yaml to ignore it)")
        #expect(outcomes[1].reason == "not read: the header on line 1 has unknown column 'export_batch' (add it to ingest.ignored_columns in waakvlam.yaml to ignore it)")
        #expect(outcomes[2].reason?.hasPrefix("not read: ") == true)
    }

    @Test("a column configured as ignored is read past")
    func ignoredColumn() throws {
        let outcomes = try Feed.read("resident,export_batch,building\nR-1,7,B-1\n", settings: Feed.settings(ignoring: ["export_batch"]))
        #expect(outcomes == [.record(2, ["resident": "R-1", "building": "B-1"])])
    }

    @Test("a column named twice rejects the header")
    func duplicateColumn() throws {
        let outcomes = try Feed.read("resident,building,resident\nR-1,B-1,R-1\n")
        #expect(outcomes == [
            .rejected(1, "the header on line 1 names column 'resident' twice"),
            .rejected(2, "not read: the header on line 1 names column 'resident' twice"),
        ])
    }

    @Test("a header column without a name is refused with its position")
    func emptyHeaderColumn() throws {
        let outcomes = try Feed.read("resident,,building\nR-1,x,B-1\n")
        #expect(outcomes.first == .rejected(1, "column 2 of the header on line 1 has no name"))
        #expect(outcomes.count == 2)
    }

    @Test("a row with too many or too few fields is rejected on its line; the rows around it are read")
    func wrongFieldCount() throws {
        let outcomes = try Feed.read("resident,building\nR-1,B-1\nR-2,B-2,extra\nR-3\nR-4,B-4\n")
        #expect(outcomes == [
            .record(2, ["resident": "R-1", "building": "B-1"]),
            .rejected(3, "has 3 fields; the header on line 1 has 2"),
            .rejected(4, "has 1 fields; the header on line 1 has 2"),
            .record(5, ["resident": "R-4", "building": "B-4"]),
        ])
    }

    @Test("quoted fields may hold commas, doubled quotes and line breaks; the next row keeps its own line number")
    func quotedFields() throws {
        let text = Self.header.replacingOccurrences(of: "resident", with: "resident,note")
            + "crm,1,overlast.geluid,2026-11-01,R-1,\"luid, en laat\"\n"
            + "crm,2,overlast.geluid,2026-11-01,R-2,\"zegt \"\"stil\"\"\"\n"
            + "crm,3,overlast.geluid,2026-11-01,R-3,\"regel een\r\nregel twee\n\nregel vier\"\n"
            + "crm,4,overlast.geluid,2026-11-01,R-4,\"\"\n"
        let outcomes = try Feed.read(text)
        #expect(outcomes.map(\.line) == [2, 3, 4, 8])
        #expect(outcomes[0].values?["note"] == "luid, en laat")
        #expect(outcomes[1].values?["note"] == "zegt \"stil\"")
        #expect(outcomes[2].values?["note"] == "regel een\nregel twee\n\nregel vier")
        #expect(outcomes[3].values?["note"] == nil)
        #expect(outcomes[3].values?["id"] == "4")
    }

    @Test("an unterminated quote costs only its own line; the good rows after it are read")
    func unterminatedQuote() throws {
        let outcomes = try Feed.read("resident,building\nR-1,B-1\nR-2,\"B-2\nR-3,B-3\nR-4,B-4\n")
        #expect(outcomes == [
            .record(2, ["resident": "R-1", "building": "B-1"]),
            .rejected(3, "broken quoting: a quoted field opened on this line is never closed"),
            .record(4, ["resident": "R-3", "building": "B-3"]),
            .record(5, ["resident": "R-4", "building": "B-4"]),
        ])
    }

    @Test("given a note opened on row 499 and closed on row 502 of 1,000, when read, then every line is a record or refused: rows 500 and 501 are records of their own")
    func aNoteCannotSwallowRecords() throws {
        var text = "source,id,type,occurred_at,resident,note\n"
        for row in 1...1_000 {
            let note = row == 499 ? "\"begin of a note" : row == 502 ? "x\"" : ""
            text += "dd,\(row),overlast.geluid,2026-11-01,H\(String(repeating: "0", count: 6 - String(row).count))\(row),\(note)\n"
        }
        let outcomes = try Feed.read(text)
        #expect(outcomes.map(\.line) == Array(2...1_001))
        #expect(outcomes.filter { $0.values != nil }.count == 998)
        #expect(outcomes[498] == .rejected(500, "broken quoting: a quoted field opened on this line is never closed"))
        #expect(outcomes[499].values?["resident"] == "H000500")
        #expect(outcomes[500].values?["resident"] == "H000501")
        #expect(outcomes[501].reason?.hasPrefix("broken quoting: a quote inside unquoted field 6") == true)
    }

    @Test("given a quoted note whose second line does not have the header's fields, when read, then it is one record spanning both lines")
    func aNoteMaySpanLinesThatAreNoRecord() throws {
        let outcomes = try Feed.read("resident,building,note\nR-1,B-1,\"een, twee\ndrie\"\nR-2,B-2,\n")
        #expect(outcomes == [.record(2, ["resident": "R-1", "building": "B-1", "note": "een, twee\ndrie"]), .record(4, ["resident": "R-2", "building": "B-2"])])
    }

    @Test("an unterminated quote whose continuation meets a quote further on still costs only its own line")
    func unterminatedQuoteMeetingAnotherQuote() throws {
        let outcomes = try Feed.read("resident,building\nR-2,\"B-2\nR-3,\"B-3\"\nR-4,B-4\n")
        #expect(outcomes.first?.line == 2)
        #expect(outcomes.first?.reason?.hasPrefix("broken quoting: ") == true)
        #expect(Array(outcomes.dropFirst()) == [.record(3, ["resident": "R-3", "building": "B-3"]), .record(4, ["resident": "R-4", "building": "B-4"])])
    }

    @Test("an unterminated quote followed by more rows than fit in one record loses no good row")
    func unterminatedQuoteBeforeManyRows() throws {
        // given rows whose joined length passes the 1 KiB record limit
        var text = "resident,building\nR-0,\"B-0\n"
        for number in 3...40 { text += "R-\(number),B-\(String(repeating: "x", count: 60))\n" }
        // when
        let outcomes = try Feed.read(text, settings: Feed.settings(maxRecordBytes: 1_024))
        // then only line 2 is rejected and every later line is a record
        #expect(outcomes.first == .rejected(2, "broken quoting: a quoted field opened on this line is never closed"))
        #expect(outcomes.dropFirst().map(\.line) == Array(3...40))
        #expect(outcomes.dropFirst().allSatisfy { $0.values != nil })
    }

    @Test("an unterminated quote followed by an overlong or non-UTF-8 line: that line is still reported on its own")
    func unterminatedQuoteBeforeBadLine() throws {
        let long = String(repeating: "y", count: 2_000)
        let bytes = Array("resident,building\nR-2,\"B-2\nR-3,\(long)\n".utf8) + Array("R-4,B-\u{E9}\n".utf8) + [0x52, 0x2D, 0x35, 0x2C, 0xE9, 0x0A] + Array("R-6,B-6\n".utf8)
        let outcomes = try Feed.read(bytes, settings: Feed.settings(maxRecordBytes: 1_024))
        #expect(outcomes.map(\.line) == [2, 3, 4, 5, 6])
        #expect(outcomes[0].reason == "broken quoting: a quoted field opened on this line is never closed")
        #expect(outcomes[1].reason == "line is 2004 bytes, longer than the limit of 1024 (ingest.max_record_bytes)")
        #expect(outcomes[2].values?["building"] == "B-é")
        #expect(outcomes[3].reason == "record is not valid UTF-8 (save the file as UTF-8)")
        #expect(outcomes[4].values?["resident"] == "R-6")
    }

    @Test("an unterminated quote on the last line is rejected on that line")
    func unterminatedQuoteAtEnd() throws {
        let outcomes = try Feed.read("resident,building\nR-1,B-1\nR-2,\"B-2")
        #expect(outcomes == [.record(2, ["resident": "R-1", "building": "B-1"]), .rejected(3, "broken quoting: a quoted field opened on this line is never closed")])
    }

    @Test("a quote inside an unquoted field is rejected on its line, naming the field")
    func quoteInUnquotedField() throws {
        let outcomes = try Feed.read("resident,building\nR-1,B\"1\nR-2,B-2\n")
        #expect(outcomes == [
            .rejected(2, "broken quoting: a quote inside unquoted field 2 (quote the whole field and double the quote)"),
            .record(3, ["resident": "R-2", "building": "B-2"]),
        ])
    }

    @Test("text after a closing quote is rejected on its line, naming the field")
    func textAfterClosingQuote() throws {
        let outcomes = try Feed.read("resident,building\n\"R-1\"x,B-1\nR-2,B-2\n")
        #expect(outcomes == [.rejected(2, "broken quoting: text after the closing quote of field 1"), .record(3, ["resident": "R-2", "building": "B-2"])])
    }

    @Test("invalid UTF-8 is rejected on its line")
    func invalidUTF8() throws {
        let bytes = Array("resident,building\nR-1,B-1\n".utf8) + Array("R-2,Caf".utf8) + [0xE9] + Array("\nR-3,B-3\n".utf8)
        let outcomes = try Feed.read(bytes)
        #expect(outcomes == [
            .record(2, ["resident": "R-1", "building": "B-1"]),
            .rejected(3, "record is not valid UTF-8 (save the file as UTF-8)"),
            .record(4, ["resident": "R-3", "building": "B-3"]),
        ])
    }

    @Test("a NUL byte is rejected on its line")
    func nulByte() throws {
        let bytes = Array("resident,building\nR-1,B-1\nR-2,B".utf8) + [0x00] + Array("2\nR-3,B-3\n".utf8)
        let outcomes = try Feed.read(bytes)
        #expect(outcomes == [
            .record(2, ["resident": "R-1", "building": "B-1"]),
            .rejected(3, "record contains a NUL byte (binary data is not a feed)"),
            .record(4, ["resident": "R-3", "building": "B-3"]),
        ])
    }

    @Test("a binary file is rejected once, on line 1; the rest is kept but not reported again")
    func binaryFile() throws {
        var random = SplitMix(seed: 7)
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]
        bytes += (0..<5_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let outcomes = try Feed.read(bytes)
        #expect(outcomes.first == .rejected(1, "binary content: this is not a UTF-8 CSV or JSON Lines feed"))
        #expect(outcomes.count > 1)
        #expect(outcomes.dropFirst().allSatisfy { $0 == .continuation })
    }

    @Test("an empty file has nothing in it and says so")
    func emptyFile() throws {
        var reader = FeedReader(source: MemorySource([]), format: nil, settings: Feed.settings())
        #expect(try Feed.read(&reader).isEmpty)
        #expect(reader.sawNoInput)
        #expect(reader.recordCount == 0)
    }

    @Test("a header-only file has no records and no errors")
    func headerOnly() throws {
        for text in [Self.header, Self.header.replacingOccurrences(of: "\n", with: ""), Self.header + "\n\n"] {
            var reader = FeedReader(source: MemorySource(text), format: nil, settings: Feed.settings())
            #expect(try Feed.read(&reader).isEmpty)
            #expect(!reader.sawNoInput)
            #expect(reader.recordCount == 0)
            #expect(reader.format == .csv)
        }
    }

    @Test("blank and whitespace-only lines are skipped and do not shift line numbers")
    func blankLines() throws {
        var reader = FeedReader(source: MemorySource("resident,building\n\nR-1,B-1\n \t \r\n\nR-2,B-2\n\n"), format: nil, settings: Feed.settings())
        let outcomes = try Feed.read(&reader)
        #expect(outcomes.map(\.line) == [3, 6])
        #expect(reader.recordCount == 2)
    }

    @Test("blank lines and a lone BOM before the header are skipped; the header keeps its own line number")
    func blankLinesBeforeHeader() throws {
        var reader = FeedReader(source: MemorySource("\u{FEFF}\n\n resident,building\nR-1,B-1\nR-2\n"), format: nil, settings: Feed.settings())
        let outcomes = try Feed.read(&reader)
        #expect(outcomes.map(\.line) == [4, 5])
        #expect(outcomes.last == .rejected(5, "has 1 fields; the header on line 3 has 2"))
    }

    @Test("a 10 MB line is rejected with its line number and length; the rows after it are read")
    func tenMegabyteLine() throws {
        // given
        let size = 10 * 1_024 * 1_024
        let source = GeneratedSource(repeating: UInt8(ascii: "x"), count: size, then: "\nR-3,B-3\n")
        let head = MemorySource("resident,building\n")
        var reader = FeedReader(source: Concatenation(first: head, second: source), format: .csv, settings: Feed.settings())
        // when
        let outcomes = try Feed.read(&reader)
        // then
        #expect(outcomes == [
            .rejected(2, "line is 10485760 bytes, longer than the limit of 65536 (ingest.max_record_bytes)"),
            .record(3, ["resident": "R-3", "building": "B-3"]),
        ])
        #expect(source.largestRequest <= 2 * 1_048_576)
        #expect(reader.bytesConsumed == 18 + size + 1 + 8)
    }

    @Test("a line just over the limit is rejected even when it fits in the read buffer")
    func lineJustOverLimit() throws {
        let row = "R-2,B-" + String(repeating: "x", count: 1_024 - 6)
        let outcomes = try Feed.read("resident,building\n\(row)\n\(row)x\nR-4,B-4\n", settings: Feed.settings(maxRecordBytes: 1_024))
        #expect(outcomes.map(\.line) == [2, 3, 4])
        #expect(outcomes[0].values != nil)
        #expect(outcomes[1].reason == "line is 1025 bytes, longer than the limit of 1024 (ingest.max_record_bytes)")
        #expect(outcomes[2].values != nil)
    }

    @Test("an overlong header rejects every row, each on its own line")
    func overlongHeader() throws {
        let outcomes = try Feed.read("resident," + String(repeating: "b", count: 2_000) + "\nR-1,B-1\n", settings: Feed.settings(maxRecordBytes: 1_024))
        #expect(outcomes == [.rejected(1, "the header on line 1 is longer than 1024 bytes"), .rejected(2, "not read: the header on line 1 is longer than 1024 bytes")])
    }

    @Test("a multi-line record counts once; records good and bad are counted")
    func recordCount() throws {
        var reader = FeedReader(source: MemorySource("resident,building\nR-1,\"B\n1\"\nR-2\nR-3,B-3\n"), format: nil, settings: Feed.settings())
        let outcomes = try Feed.read(&reader)
        #expect(outcomes.map(\.line) == [2, 4, 5])
        #expect(reader.recordCount == 3)
    }

    @Test("the raw bytes of a rejected row are handed on for the rejected copy")
    func rawBytes() throws {
        var reader = FeedReader(source: MemorySource("resident,building\r\nR-1,B-1,x\r\nR-2,\"B\n2\"\n"), format: nil, settings: Feed.settings())
        guard case .rejected(2, _, let raw)? = try reader.next() else { Issue.record("expected a rejection on line 2"); return }
        #expect(String(decoding: raw, as: UTF8.self) == "R-1,B-1,x")
        guard case .record(3, _, let joined)? = try reader.next() else { Issue.record("expected a record on line 3"); return }
        #expect(String(decoding: joined, as: UTF8.self) == "R-2,\"B\n2\"")
    }
}

/// Reads one source to its end, then another.
struct Concatenation<First: ByteSource, Second: ByteSource>: ByteSource {
    var first: First
    var second: Second
    var firstDone = false

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !firstDone {
            let count = try first.read(into: buffer)
            if count > 0 { return count }
            firstDone = true
        }
        return try second.read(into: buffer)
    }
}

@Suite("FeedReader: JSON Lines")
struct FeedReaderJSONTests {
    @Test("objects become records; the format is recognised from the first line")
    func readsObjects() throws {
        var reader = FeedReader(source: MemorySource("{\"resident\": \"R-1\", \"building\": \"B-1\"}\n  {\"resident\":\"R-2\",\"building\":\"B-2\"}\n"), format: nil, settings: Feed.settings())
        let outcomes = try Feed.read(&reader)
        #expect(outcomes == [.record(1, ["resident": "R-1", "building": "B-1"]), .record(2, ["resident": "R-2", "building": "B-2"])])
        #expect(reader.format == .jsonLines)
        #expect(reader.header == nil)
    }

    @Test("a BOM, CRLF and blank lines are fine")
    func bomCRLFBlank() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"resident\":\"R-1\",\"building\":\"B-1\"}\r\n\r\n  \r\n{\"resident\":\"R-2\",\"building\":\"B-2\"}".utf8)
        let outcomes = try Feed.read(bytes)
        #expect(outcomes.map(\.line) == [1, 4])
        #expect(outcomes.allSatisfy { $0.values != nil })
    }

    @Test("numbers are accepted as their decimal text")
    func numbers() throws {
        let outcomes = try Feed.read("{\"id\": 7, \"amount\": 1234.5, \"days_overdue\": 45.0, \"units\": 0, \"minors\": 1e1}\n", format: .jsonLines)
        #expect(outcomes == [.record(1, ["id": "7", "amount": "1234.5", "days_overdue": "45", "units": "0", "minors": "10"])])
    }

    @Test("null and empty strings count as absent")
    func nullIsAbsent() throws {
        let outcomes = try Feed.read("{\"resident\": \"R-1\", \"building\": \"B-1\", \"unit\": null, \"minors\": \"\"}\n")
        #expect(outcomes == [.record(1, ["resident": "R-1", "building": "B-1"])])
    }

    @Test("escapes are decoded")
    func escapes() throws {
        let outcomes = try Feed.read("{\"note\": \"caf\\u00e9 \\\"x\\\"\\nnieuw\"}\n")
        #expect(outcomes == [.record(1, ["note": "café \"x\"\nnieuw"])])
    }

    @Test("booleans and nested values are refused, naming the field", arguments: [
        ("{\"resident\": true}", "resident"), ("{\"minors\": false}", "minors"), ("{\"building\": {\"id\": 1}}", "building"),
        ("{\"unit\": [1, 2]}", "unit"),
    ])
    func refusedValues(line: String, field: String) throws {
        let outcomes = try Feed.read("{\"resident\":\"R-0\",\"building\":\"B-0\"}\n" + line + "\n{\"resident\":\"R-3\",\"building\":\"B-3\"}\n")
        #expect(outcomes.map(\.line) == [1, 2, 3])
        #expect(outcomes[1].reason == "record field '\(field)' must be a string or a number")
        #expect(outcomes[2].values?["resident"] == "R-3")
    }

    @Test("an unknown key is refused, naming it; an ignored key is read past, whatever its value")
    func unknownKey() throws {
        let text = "{\"resident\":\"R-1\",\"building\":\"B-1\",\"batch\":7}\n{\"resident\":\"R-2\",\"building\":\"B-2\",\"extra\":{\"a\":[true]}}\n"
        let outcomes = try Feed.read(text)
        #expect(outcomes == [
            .rejected(1, "record unknown field 'batch' (add it to ingest.ignored_columns in waakvlam.yaml to ignore it)"),
            .rejected(2, "record unknown field 'extra' (add it to ingest.ignored_columns in waakvlam.yaml to ignore it)"),
        ])
        let ignoring = try Feed.read(text, settings: Feed.settings(ignoring: ["batch", "extra"]))
        #expect(ignoring == [.record(1, ["resident": "R-1", "building": "B-1"]), .record(2, ["resident": "R-2", "building": "B-2"])])
    }

    @Test("a line that is not an object is refused on its line", arguments: ["[1, 2]", "42", "\"R-1\"", "null", "true"])
    func notAnObject(line: String) throws {
        let outcomes = try Feed.read("{\"resident\":\"R-1\",\"building\":\"B-1\"}\n" + line + "\n{\"resident\":\"R-3\",\"building\":\"B-3\"}\n")
        #expect(outcomes.map(\.line) == [1, 2, 3])
        #expect(outcomes[1].reason == "record is not a JSON object (each line must hold one {…} object)")
    }

    @Test("invalid JSON is refused on its line; the lines after it are read", arguments: [
        "{\"resident\": \"R-1\"", "{resident: \"R-1\"}", "{\"resident\": 'R-1'}", "{\"a\":1} {\"b\":2}", "resident,building",
    ])
    func invalidJSON(line: String) throws {
        let outcomes = try Feed.read("{\"resident\":\"R-1\",\"building\":\"B-1\"}\n" + line + "\n{\"resident\":\"R-3\",\"building\":\"B-3\"}\n")
        #expect(outcomes.map(\.line) == [1, 2, 3])
        #expect(outcomes[1].reason == "record is not valid JSON (each line must hold one JSON object)")
    }

    @Test("invalid UTF-8 and NUL bytes are refused on their lines")
    func badBytes() throws {
        let bytes = Array("{\"resident\":\"R-1\",\"building\":\"B-1\"}\n{\"note\":\"".utf8) + [0xC3, 0x28] + Array("\"}\n{\"note\":\"a".utf8) + [0] + Array("\"}\n{\"resident\":\"R-4\",\"building\":\"B-4\"}".utf8)
        let outcomes = try Feed.read(bytes)
        #expect(outcomes.map(\.line) == [1, 2, 3, 4])
        #expect(outcomes[1].reason == "record is not valid UTF-8 (save the file as UTF-8)")
        #expect(outcomes[2].reason == "record contains a NUL byte (binary data is not a feed)")
    }

    @Test("a first line that is not UTF-8 costs only that line, whether the format is named or recognised", arguments: [FeedFormat?.none, .jsonLines])
    func invalidUTF8OnFirstLine(format: FeedFormat?) throws {
        let bytes = Array("{\"note\":\"caf".utf8) + [0xE9] + Array("\"}\n{\"resident\":\"R-2\",\"building\":\"B-2\"}\n".utf8)
        let outcomes = try Feed.read(bytes, format: format)
        #expect(outcomes == [.rejected(1, "record is not valid UTF-8 (save the file as UTF-8)"), .record(2, ["resident": "R-2", "building": "B-2"])])
    }

    @Test("an overlong JSON line is rejected with its number")
    func overlongLine() throws {
        let long = "{\"note\":\"" + String(repeating: "n", count: 3_000) + "\"}"
        let outcomes = try Feed.read("{\"resident\":\"R-1\",\"building\":\"B-1\"}\n\(long)\n{\"resident\":\"R-3\",\"building\":\"B-3\"}\n", settings: Feed.settings(maxRecordBytes: 1_024))
        #expect(outcomes.map(\.line) == [1, 2, 3])
        #expect(outcomes[1].reason == "line is 3011 bytes, longer than the limit of 1024 (ingest.max_record_bytes)")
    }

    @Test("an overlong first line of a JSON Lines feed is rejected like any other")
    func overlongFirstLine() throws {
        let long = "{\"note\":\"" + String(repeating: "é", count: 1_000) + "\"}"
        let outcomes = try Feed.read("\(long)\n{\"resident\":\"R-2\",\"building\":\"B-2\"}\n", settings: Feed.settings(maxRecordBytes: 1_024))
        #expect(outcomes.map(\.line) == [1, 2])
        #expect(outcomes[0].reason == "line is 2011 bytes, longer than the limit of 1024 (ingest.max_record_bytes)")
    }
}
