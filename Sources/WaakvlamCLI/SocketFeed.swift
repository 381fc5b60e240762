import ArgumentParser
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamSocket
import WaakvlamStore

/// The daemon answered an `ingest` request with an error (not a refusal of access).
struct DaemonRefusedInput: Error, CustomStringConvertible {
    var message: String
    var description: String { "the daemon did not take it: \(message)" }
}

/// Feeds one input through the daemon's socket: `{"op":"ingest","data":…,"format":…,"name":…}`.
///
/// A request line may be at most `socket.max_line_bytes` long, so an input is sent in chunks
/// split on record boundaries — the boundaries the feed reader itself finds (a quoted CSV field
/// may span lines) — each CSV chunk repeating the lines up to and including the header. Line
/// numbers in the daemon's answers are mapped back to the input's own. What cannot travel as
/// JSON text is refused here with the reason the reader gives (a record that is not UTF-8, a
/// binary file), as the direct path would; those rows are reported but, not reaching the
/// daemon, are not kept in `rejected/`. A record too long for one request is refused the same way.
struct SocketFeed {
    let link: DaemonLink
    let settings: IngestSettings
    let maxLineBytes: Int

    /// A record (or a refused item) as the reader found it: its first line and, if refused, why.
    private struct Item {
        var line: Int
        var reason: String?
    }

    /// Part of the input sent as one request, with the input line of each of its lines.
    private struct Chunk {
        var bytes: [UInt8] = []
        var lines: [Int] = []
        var cost = 0
    }

    func ingest(path: String, format requested: FeedFormat?) throws -> IngestReport {
        let file = try InputFile(path: path)
        let bytes = try Self.readAll(file.descriptor)
        let named = requested ?? FeedFormat(fileName: path)

        // Where the records are, as the reader sees them.
        var reader = FeedReader(source: MemorySource(bytes), format: named, settings: settings)
        var items: [Item] = []
        while let item = try reader.next() {
            switch item {
            case .record(let line, _, _): items.append(Item(line: line, reason: nil))
            case .rejected(let line, let reason, _): items.append(Item(line: line, reason: reason))
            case .rejectedContinuation: break
            }
        }
        let sawNoInput = reader.sawNoInput, recordCount = reader.recordCount
        let format = reader.format ?? named

        // Physical lines: starts[n - 1] is where line n begins.
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        if starts.count > 1, starts.last == bytes.count { starts.removeLast() }
        let lineCount = bytes.isEmpty ? 0 : starts.count
        func range(_ first: Int, _ end: Int) -> Range<Int> {
            starts[first - 1]..<(end <= lineCount ? starts[end - 1] : bytes.count)
        }
        // The header is where the reader found it: what counts as blank before it is the reader's to say.
        let headerLine = format == .csv ? reader.firstLineNumber : nil
        let records = items.filter { $0.line != headerLine }
        let preambleEnd = records.first?.line ?? lineCount + 1
        let preamble = preambleEnd > 1 ? Array(bytes[range(1, preambleEnd)]) : []

        var local = IngestReport()
        func refuse(_ line: Int, _ reason: String) {
            local.counts.rejected += 1
            local.add(IngestProblem(file: path, line: line, reason: reason))
        }
        guard String(validating: preamble, as: UTF8.self) != nil else {
            // A binary file (or a header that is not text): nothing of it can go as JSON text.
            for item in items { if let reason = item.reason { refuse(item.line, reason) } }
            if !sawNoInput, recordCount == 0 { local.notes.append("\(path): no records after the header") }
            return local
        }

        // Each request goes as soon as it is full, so no second copy of the input is built.
        var report = IngestReport()
        var sent: [IngestProblem] = []
        var seen = Set<String>()
        func send(_ chunk: Chunk) throws {
            var request: [String: JSONValue] = ["op": "ingest", "data": .string(String(decoding: chunk.bytes, as: UTF8.self)), "name": .string(path)]
            if let format { request["format"] = .string(format.rawValue) }
            switch try link.call(request) {
            case .ok(let answer):
                func count(_ key: String) -> Int { Int(answer[key]?.int64Value ?? 0) }
                report.counts.add(IngestCounts(accepted: count("accepted"), duplicates: count("duplicates"), repeats: count("repeats"), rejected: count("rejected")))
                for error in answer["errors"]?.arrayValue ?? [] {
                    let line = Int(error["line"]?.int64Value ?? 0)
                    let mapped = line >= 1 && line <= chunk.lines.count ? chunk.lines[line - 1] : line
                    let reason = Self.rebasingEarlierLine(in: error["reason"]?.stringValue ?? "", lines: chunk.lines)
                    let problem = IngestProblem(file: path, line: mapped, reason: reason)
                    // The header's own problem comes back from every chunk: count it once.
                    if mapped == headerLine, !seen.insert(problem.description).inserted {
                        report.counts.rejected -= 1
                        continue
                    }
                    sent.append(problem)
                }
                report.problemsOmitted += count("errors_omitted")
                report.rejectedFiles += (answer["rejected_files"]?.arrayValue ?? []).compactMap(\.stringValue)
                for note in (answer["notes"]?.arrayValue ?? []).compactMap(\.stringValue) where !report.notes.contains(note) { report.notes.append(note) }
            case .failed(let message):
                throw DaemonRefusedInput(message: message)
            }
        }

        let overhead = 80 + JSONText.lineSafeLengthBound(Array(path.utf8)[...])
        let budget = maxLineBytes - overhead
        let preambleCost = JSONText.lineSafeLengthBound(preamble[...])
        var sentAny = false
        func fresh() -> Chunk {
            Chunk(bytes: preamble, lines: preambleEnd > 1 ? Array(1..<preambleEnd) : [], cost: preambleCost)
        }
        var chunk = fresh()
        var chunkHasRecords = false
        for (index, record) in records.enumerated() {
            let end = index + 1 < records.count ? records[index + 1].line : lineCount + 1
            let segment = bytes[range(record.line, end)]
            guard String(validating: segment, as: UTF8.self) != nil else {
                refuse(record.line, record.reason ?? "record is not valid UTF-8")
                continue
            }
            let cost = JSONText.lineSafeLengthBound(segment)
            guard preambleCost + cost <= budget else {
                refuse(record.line, record.reason ?? "record is longer than one request to the daemon may be (socket.max_line_bytes, \(maxLineBytes) bytes)")
                continue
            }
            if chunkHasRecords, chunk.cost + cost > budget {
                try send(chunk)
                sentAny = true
                chunk = fresh()
            }
            chunk.bytes += segment
            chunk.lines += Array(record.line..<end)
            chunk.cost += cost
            chunkHasRecords = true
        }
        // Always one request, so that an empty or header-only input is judged by the daemon too.
        if chunkHasRecords || !sentAny { try send(chunk) }
        let problems = local.problems + sent

        report.counts.add(local.counts)
        report.problemsOmitted += local.problemsOmitted
        // In line order, as the direct path reports them; problems of the input as a whole last.
        for problem in problems.enumerated().sorted(by: { ($0.element.line == 0 ? Int.max : $0.element.line, $0.offset) < ($1.element.line == 0 ? Int.max : $1.element.line, $1.offset) }) {
            report.add(problem.element)
        }
        if !sawNoInput, recordCount == 0, !report.notes.contains(where: { $0.hasPrefix("\(path):") }) {
            report.notes.append("\(path): no records after the header")
        }
        return report
    }

    /// The whole input; standard input is read to its end.
    static func readAll(_ descriptor: Int32) throws -> [UInt8] {
        var source = FileDescriptorSource(descriptor: descriptor)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count <= 0 { return bytes }
            bytes += buffer[..<count]
        }
    }
}
