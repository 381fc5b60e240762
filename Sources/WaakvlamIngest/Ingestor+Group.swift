import Foundation
import Synchronization
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamStore

/// A small input held in memory (a socket request's feed text).
public struct SmallInput: Sendable {
    /// The feed text.
    public var text: String
    /// Its name in problems and in `ingest_run`.
    public var name: String
    /// The format, or nil to tell from the content.
    public var format: FeedFormat?

    /// Creates a small input.
    public init(text: String, name: String, format: FeedFormat?) {
        self.text = text
        self.name = name
        self.format = format
    }
}

/// Numbers the rejected-rows files of grouped inputs, which have no run id before they are stored.
private let groupSerial = Atomic<Int64>(0)

extension Ingestor {
    /// Ingests several small inputs together: each is read and checked on its own (bad rows are
    /// reported and kept in `rejected/` as always), then all good records are stored in one
    /// transaction, each input as its own finished run. Returns one report per input, in order.
    public func ingestGroup(_ inputs: [SmallInput], channel: IngestChannel, now: Int64) throws -> [IngestReport] {
        let rules = self.rules
        var parts: [GroupIngestPart] = []
        var reports: [IngestReport] = []
        // Each input's rejected-rows file and batches, kept open for the rows the store refuses.
        var kept: [(rejection: RejectionWriter, batches: [PreparedBatch])] = []
        defer { for (rejection, _) in kept { try? rejection.close() } }
        for input in inputs {
            let serial = groupSerial.add(1, ordering: .relaxed).newValue
            let rejection = RejectionWriter(directory: rejectedDirectory, input: input.name, runID: -serial, now: now, existingFile: nil, committed: (0, 0))
            var batcher = FeedBatcher(
                reader: FeedReader(source: MemorySource(input.text), format: input.format, settings: settings),
                decoder: FeedRecordDecoder(rules: rules, calendar: calendar, now: now),
                inputName: input.name, batchSize: Self.chunkSize, resumeAfter: 0)
            var report = IngestReport()
            var records: [FeedRecord] = []
            var lines: [Int] = []
            var batches: [PreparedBatch] = []
            var lastLine = 0
            var rejected = 0
            while true {
                let batch = try batcher.next()
                try rejection.keep(batch)
                batches.append(batch.bytesOnly)
                records += batch.records
                lines += batch.lines
                rejected += batch.problems.count
                batch.problems.forEach { report.add($0) }
                lastLine = batch.lastLine
                guard let end = batch.end else { continue }
                if end.sawNoInput { report.add(IngestProblem(file: input.name, line: 0, reason: "the input is empty: no header and no records")) }
                break
            }
            try rejection.flush()
            parts.append(GroupIngestPart(name: input.name, records: records, lines: lines, rejected: rejected, lastLine: lastLine, rejectedFile: rejection.path))
            reports.append(report)
            kept.append((rejection, batches))
        }
        let cache = IngestCache()
        defer { try? database.endFirstLoad(cache) }
        let counts = try database.storeGroup(parts, channel: channel, rules: rules, now: now, cache: cache) { index, conflicts in
            let (rejection, batches) = kept[index]
            for problem in try rejection.keep(conflicts, of: inputs[index].name, from: batches) { reports[index].add(problem) }
            reports[index].problems.sort { $0.line < $1.line }
            try rejection.flush()
            return rejection.path
        }
        for index in reports.indices {
            reports[index].counts = counts[index]
            if let path = kept[index].rejection.path { reports[index].rejectedFiles.append(path) }
        }
        return reports
    }
}
