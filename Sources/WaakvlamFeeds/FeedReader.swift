import WaakvlamCore

/// Reads a feed — CSV with a header or JSON Lines — record by record in bounded memory.
///
/// Every problem is tied to a line; a bad record never stops the records
/// after it. A CSV record may span lines inside a quoted field, but a line
/// that is a whole record on its own (as many fields as the header) is never
/// taken as the continuation of another: the record with the open quote is
/// refused on its first line and the lines after it are read as records. So
/// an unclosed quote costs only the line it starts on, and no record can
/// disappear into someone else's note.
public struct FeedReader<Source: ByteSource> {
    /// The format being read, known once the first line has been seen.
    public private(set) var format: FeedFormat?
    /// The CSV header line as it was written, for the rejected copy.
    public private(set) var header: ArraySlice<UInt8>?
    /// Whether the input held no bytes at all.
    public private(set) var sawNoInput = true
    /// Records (good or bad) after the header.
    public private(set) var recordCount = 0

    private var lines: LineReader<Source>
    private var pending: [LineReader<Source>.Line] = []
    private let limit: Int
    private let ignored: Set<String>
    private var columns: [FeedField?] = []
    private var headerProblem: String?
    private var isBinary = false
    private var sawFirstLine = false
    private var headerLine = 1

    /// The first line that is not blank (after a BOM), once read: a CSV feed's header line.
    public var firstLineNumber: Int? { sawFirstLine ? headerLine : nil }

    /// Reads `source`; `format` nil means sniff it from the first line.
    public init(source: Source, format: FeedFormat?, settings: IngestSettings) {
        self.lines = LineReader(source: source, limit: settings.maxRecordBytes)
        self.format = format
        self.limit = settings.maxRecordBytes
        self.ignored = settings.ignoredColumns
    }

    /// Bytes consumed from the source so far.
    public var bytesConsumed: Int { lines.bytesConsumed }

    /// The next item, or nil at the end of the input.
    public mutating func next() throws -> FeedItem? {
        while let line = try nextLine() {
            sawNoInput = false
            if isBinary { return .rejectedContinuation(raw: line.bytes) }
            var line = line
            if !sawFirstLine {
                switch readFirstLine(line) {
                case .item(let item): return item
                case .header, .blank: continue
                case .record(let stripped): line = stripped
                }
            }
            if line.bytes.isEmpty || line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            recordCount += 1
            if line.isOverlong {
                return .rejected(line: line.number, reason: "line is \(line.totalLength) bytes, longer than the limit of \(limit) (ingest.max_record_bytes)", raw: line.bytes)
            }
            if let headerProblem {
                return .rejected(line: line.number, reason: "not read: \(headerProblem)", raw: line.bytes)
            }
            if let problem = TextCheck.problem(in: line.bytes) {
                return .rejected(line: line.number, reason: "record \(problem)", raw: line.bytes)
            }
            return format == .jsonLines ? jsonRecord(line) : try csvRecord(line)
        }
        return nil
    }

    private mutating func nextLine() throws -> LineReader<Source>.Line? {
        if !pending.isEmpty { return pending.removeFirst() }
        return try lines.next()
    }

    private enum FirstLine {
        case item(FeedItem)
        case header
        case record(LineReader<Source>.Line)
        /// Blank lines (or a lone BOM) before the first real line: skipped.
        case blank
    }

    /// Handles the BOM, sniffs the format and binary content, and reads a CSV header.
    private mutating func readFirstLine(_ first: LineReader<Source>.Line) -> FirstLine {
        var line = first
        if line.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            line.bytes = line.bytes.dropFirst(3)
            line.totalLength -= 3 // or the line would look cut, hence overlong
        }
        if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .blank }
        sawFirstLine = true
        headerLine = line.number
        // Sniff before judging the bytes: a JSON Lines record that is not UTF-8 costs only its own line.
        let format = self.format ?? FeedFormat.sniff(line.bytes)
        if line.bytes.contains(0) || (format != .jsonLines && TextCheck.problem(in: line.bytes) != nil && !line.isOverlong) {
            isBinary = true
            return .item(.rejected(line: line.number, reason: "binary content: this is not a UTF-8 CSV or JSON Lines feed", raw: line.bytes))
        }
        self.format = format
        guard format == .csv else { return .record(line) }
        header = line.bytes
        if line.isOverlong {
            headerProblem = "the header on line \(headerLine) is longer than \(limit) bytes"
        } else if let problem = TextCheck.problem(in: line.bytes) {
            headerProblem = "the header on line \(headerLine) \(problem)"
        } else {
            headerProblem = readHeader(line.bytes)
        }
        if let headerProblem { return .item(.rejected(line: line.number, reason: headerProblem, raw: line.bytes)) }
        return .header
    }

    private mutating func readHeader(_ bytes: ArraySlice<UInt8>) -> String? {
        guard case .fields(let names) = CSVFieldSplitter.split(bytes) else {
            return "the header on line \(headerLine) has broken quoting"
        }
        var seen = Set<String>()
        columns = []
        for (index, raw) in names.enumerated() {
            let name = TextCheck.string(raw).trimmingASCIISpaces()
            guard !name.isEmpty else { return "column \(index + 1) of the header on line \(headerLine) has no name" }
            guard seen.insert(name).inserted else { return "the header on line \(headerLine) names column '\(name)' twice" }
            if let field = FeedField(name: name) {
                columns.append(field)
            } else if ignored.contains(name) {
                columns.append(nil)
            } else {
                return "the header on line \(headerLine) has unknown column '\(FeedRecordDecoder.quoted(name))' (add it to ingest.ignored_columns in waakvlam.yaml to ignore it)"
            }
        }
        return nil
    }

    private func jsonRecord(_ line: LineReader<Source>.Line) -> FeedItem {
        switch JSONLineDecoder.values(of: line.bytes, ignoring: ignored) {
        case .success(let values): .record(line: line.number, values: values, raw: line.bytes)
        case .failure(let error): .rejected(line: line.number, reason: "record \(error.description)", raw: line.bytes)
        }
    }

    private mutating func csvRecord(_ first: LineReader<Source>.Line) throws -> FeedItem {
        var record = first.bytes
        var continuation: [LineReader<Source>.Line] = []
        while true {
            switch CSVFieldSplitter.split(record) {
            case .malformed(let reason):
                pending.insert(contentsOf: continuation, at: 0)
                return .rejected(line: first.number, reason: "broken quoting: \(reason)", raw: first.bytes)
            case .fields(let fields):
                return csvValues(fields, line: first.number, raw: record)
            case .needsMoreLines:
                let next = try nextLine()
                if let more = next, isWholeRecord(more.bytes) {
                    continuation.append(LineReader<Source>.Line(number: more.number, bytes: Array(more.bytes)[...], totalLength: more.totalLength))
                    pending.insert(contentsOf: continuation, at: 0)
                    // The same reason as at the end of the input: a client that sends a file in pieces
                    // (``SocketFeed``) may cut it right after this line, and must hear the same.
                    return .rejected(line: first.number, reason: Self.neverClosed, raw: first.bytes)
                }
                guard let more = next, !more.isOverlong, record.count + more.bytes.count < limit,
                      TextCheck.problem(in: more.bytes) == nil else {
                    // Give back what was borrowed, including the line that did not fit:
                    // only the line with the open quote is lost.
                    if let next { continuation.append(LineReader<Source>.Line(number: next.number, bytes: Array(next.bytes)[...], totalLength: next.totalLength)) }
                    pending.insert(contentsOf: continuation, at: 0)
                    return .rejected(line: first.number, reason: Self.neverClosed, raw: first.bytes)
                }
                var joined = Array(record)
                joined.append(0x0A)
                joined.append(contentsOf: more.bytes)
                record = joined[...]
                continuation.append(LineReader<Source>.Line(number: more.number, bytes: Array(more.bytes)[...], totalLength: more.totalLength))
            }
        }
    }

    private static var neverClosed: String { "broken quoting: a quoted field opened on this line is never closed" }

    /// Whether `bytes` alone split into as many fields as the header names: then it is a record, not the rest of one.
    private func isWholeRecord(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard case .fields(let fields) = CSVFieldSplitter.split(bytes) else { return false }
        return fields.count == columns.count
    }

    private func csvValues(_ fields: [ArraySlice<UInt8>], line: Int, raw: ArraySlice<UInt8>) -> FeedItem {
        guard fields.count == columns.count else {
            return .rejected(line: line, reason: "has \(fields.count) fields; the header on line \(headerLine) has \(columns.count)", raw: raw)
        }
        var values = FieldValues()
        for (column, bytes) in zip(columns, fields) {
            if let column, !bytes.isEmpty { values[column] = TextCheck.string(bytes) }
        }
        return .record(line: line, values: values, raw: raw)
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\t" { scalars = scalars.dropFirst() }
        while scalars.last == " " || scalars.last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
