import WaakvlamCore
import WaakvlamFeeds

/// A feed (CSV or JSON Lines) through ``FeedReader`` and ``FeedRecordDecoder``, the path every ingest takes.
///
/// Properties: no trap; every record and every rejection names a line inside the input, in
/// increasing order, and a rejection has a reason; two reads give the same outcome; two
/// good rows placed around the hostile bytes (after a good header) are both stored; no record
/// vanishes (each line is stored, refused, blank, the header or a continuation of a record);
/// and through the real ingest path, accepted equals stored.
public struct FeedFuzzTarget: FuzzTarget {
    /// The feed format fuzzed.
    public let format: FeedFormat
    public var name: String { format == .csv ? "csv" : "jsonl" }

    /// Small, so the overlong-line path is reached by ordinary mutations.
    static let settings = IngestSettings(ignoredColumns: ["extra"], maxRecordBytes: 2_048, batchSize: 100,
                                         spoolPollInterval: TimeSpan(seconds: 2), spoolSettleTime: TimeSpan(seconds: 1))
    /// The types of the shipped rules that the seeds use.
    static let rules = RuleSet(
        signalTypes: [
            "overlast.geluid": SignalType(code: "overlast.geluid", family: .nuisance, domain: "sociaal", weight: 1, halfLife: .days(30)),
            "achterstand.huur": SignalType(code: "achterstand.huur", family: .arrears, domain: "financien", weight: 2, halfLife: .days(90)),
        ],
        domains: ["sociaal", "financien"], arrears: ArrearsPolicy(repeatWindow: .days(90), closedBy: []))
    /// 2026-11-02T13:30:00Z.
    static let now: Int64 = 1_793_626_200
    static let calendar = LocalCalendar(identifier: "Europe/Amsterdam")!
    static let decoder = FeedRecordDecoder(rules: rules, calendar: calendar, now: now)
    private static let csvStore = try? FeedFuzzStore(rules: rules, calendar: calendar, settings: settings)
    private static let jsonLinesStore = try? FeedFuzzStore(rules: rules, calendar: calendar, settings: settings)

    /// The store the inputs of `format` are ingested into, one per format.
    static func sharedStore(for format: FeedFormat) -> FeedFuzzStore? { format == .csv ? csvStore : jsonLinesStore }

    /// A target for feeds in `format`.
    public init(format: FeedFormat) { self.format = format }

    public var dictionary: [[UInt8]] {
        let common = ["source", "id", "type", "occurred_at", "resident", "building", "unit", "amount", "days_overdue", "note", "minors",
                      "moved_in", "moved_out", "origin", "support", "units", "name", "extra", "overlast.geluid", "achterstand.huur",
                      "12345678.99", "10000000.01", "0.001", "00000000000000001", "-5"]
        let specific = format == .csv
            ? [",", "\"", "\"\"", ",\"", "\",", ",,,,", "\"\n\"", "a\"b"]
            : ["{", "}", "[", "]", ":", ",", "\"", "\\\"", "\\u0000", "\\ud800", "\\udc00\\ud800", "null", "true", "false", "{}", "[]", "\"id\":1e309", "\"amount\":-0"]
        return (common + specific).map { Array($0.utf8) }
    }

    public var generatedInputs: [[UInt8]] {
        let header = Array("source,id,type,occurred_at,resident,amount\n".utf8)
        let good = format == .csv ? "crm,1,overlast.geluid,2026-11-01,H1,12.50" : #"{"source":"crm","id":"1","type":"overlast.geluid","occurred_at":"2026-11-01","resident":"H1"}"#
        let prefix = format == .csv ? header : []
        return [
            prefix + HostileInputs.repeated("[", 100_000),
            prefix + HostileInputs.repeated("{\"a\":", 50_000),
            prefix + HostileInputs.repeated("x", 200_000) + [0x0A] + Array(good.utf8),
            prefix + HostileInputs.repeated("\"", 10_001),
            prefix + HostileInputs.repeated(good + "\r\n", 50) + HostileInputs.repeated(good + "\r", 50) + HostileInputs.repeated(good + "\n", 50),
            prefix + HostileInputs.repeated("\n", 10_000),
            prefix + [0x00] + HostileInputs.repeated("\u{0}", 5_000),
            HostileInputs.repeated("\u{FEFF}", 3) + prefix,
            [0xEF, 0xBB, 0xBF],
            [],
        ]
    }

    /// What one read came to, in a form that compares.
    enum Outcome: Equatable {
        case stored(line: Int, isSignal: Bool)
        case refused(line: Int, reason: String)
        case continuation
    }

    public func check(_ input: [UInt8]) -> [String] {
        var broken: [String] = []
        let first = read(input, broken: &broken)
        let again = read(input, broken: &broken)
        if first != again { broken.append("two reads of the same input differ") }
        let lineCount = input.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + (input.last.map { $0 == 0x0A ? 0 : 1 } ?? 0)
        var lastLine = 0
        for outcome in first {
            switch outcome {
            case .stored(let line, _), .refused(let line, _):
                if line < 1 || line > lineCount { broken.append("line \(line) is outside the input's \(lineCount) lines") }
                if line <= lastLine { broken.append("line \(line) reported after line \(lastLine)") }
                lastLine = line
            case .continuation: break
            }
            if case .refused(_, let reason) = outcome, reason.isEmpty { broken.append("a rejection without a reason") }
        }
        broken += checkGoodRowsSurvive(input)
        broken += checkEveryLineIsAccountedFor(input)
        let records = first.filter { $0 != .continuation }
        let onlySignals = records.allSatisfy { if case .stored(_, false) = $0 { false } else { true } }
        broken += checkAcceptedEqualsStored(input, onlySignals: onlySignals, records: records.count)
        return broken
    }

    /// Good rows before and after the hostile bytes are stored, whatever those bytes are.
    private func checkGoodRowsSurvive(_ input: [UInt8]) -> [String] {
        let header = "source,id,type,occurred_at,resident\n"
        func row(_ id: String) -> String {
            format == .csv ? "crm,\(id),overlast.geluid,2026-11-01,H1\n"
                : #"{"source":"crm","id":"\#(id)","type":"overlast.geluid","occurred_at":"2026-11-01","resident":"H1"}"# + "\n"
        }
        var bytes = Array(((format == .csv ? header : "") + row("good-before")).utf8)
        let before = bytes.count
        bytes += input
        bytes += Array(("\n" + row("good-after")).utf8)
        var reader = FeedReader(source: MemorySource(bytes), format: format, settings: Self.settings)
        var ids: [String] = []
        while let item = try? reader.next() {
            if case .record(_, let values, _) = item, case .success(.signal(let signal)) = Self.decoder.decode(values) { ids.append(signal.id) }
        }
        var broken: [String] = []
        if ids.first != "good-before" { broken.append("the good row before the hostile bytes was not stored") }
        if ids.last != "good-after" { broken.append("the good row after the hostile bytes was not stored (\(before) bytes before them)") }
        return broken
    }

    private func read(_ input: [UInt8], broken: inout [String]) -> [Outcome] {
        var reader = FeedReader(source: MemorySource(input), format: nil, settings: Self.settings)
        var outcomes: [Outcome] = []
        while true {
            let item: FeedItem?
            do { item = try reader.next() } catch { broken.append("reading memory threw \(error)"); break }
            guard let item else { break }
            switch item {
            case .record(let line, let values, _):
                switch Self.decoder.decode(values) {
                case .success(let record):
                    if case .signal = record { outcomes.append(.stored(line: line, isSignal: true)) } else { outcomes.append(.stored(line: line, isSignal: false)) }
                case .failure(let error): outcomes.append(.refused(line: line, reason: error.description))
                }
            case .rejected(let line, let reason, _): outcomes.append(.refused(line: line, reason: reason))
            case .rejectedContinuation: outcomes.append(.continuation)
            }
            if outcomes.count > input.count + 2 { broken.append("more items than bytes: the reader does not advance"); break }
        }
        return outcomes
    }
}
