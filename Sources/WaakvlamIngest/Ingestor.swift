import Foundation
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamStore

/// The one ingest path: bytes in, records validated, stored in batches, bad rows kept aside.
///
/// The command line, the spool directory and the socket all come through
/// here, so a record is judged the same way whichever way it arrives.
public struct Ingestor: Sendable {
    let database: AppDatabase
    private let sharedRules: SharedRuleSet
    let calendar: LocalCalendar
    let settings: IngestSettings
    let rejectedDirectory: String

    /// Creates an ingestor writing to `database` and putting rejected rows under `rejectedDirectory`.
    public init(database: AppDatabase, rules: RuleSet, calendar: LocalCalendar, settings: IngestSettings, rejectedDirectory: String) {
        self.database = database
        sharedRules = SharedRuleSet(rules)
        self.calendar = calendar
        self.settings = settings
        self.rejectedDirectory = rejectedDirectory
    }

    /// The signal types in force; every copy of this ingestor (command line, spool, socket) shares them.
    public var rules: RuleSet { sharedRules.current }

    /// Puts new signal types in force for every copy of this ingestor (a configuration reload);
    /// a run already going finishes under the ones it started with.
    public func replaceRules(_ rules: RuleSet) { sharedRules.replace(rules) }

    /// What to ingest and how it arrived.
    public struct Input<Source: ByteSource> {
        /// Where the bytes come from.
        public var source: Source
        /// The name used in problems and file names (a path, `-`, a spool file name).
        public var name: String
        /// The format, or nil to tell from the name or the content.
        public var format: FeedFormat?
        /// The channel it arrived by.
        public var channel: IngestChannel
        /// Identity of a spool file, so an interrupted one resumes after its last committed line.
        public var resumeKey: String?

        /// Describes an input.
        public init(source: Source, name: String, format: FeedFormat? = nil, channel: IngestChannel, resumeKey: String? = nil) {
            self.source = source
            self.name = name
            self.format = format ?? FeedFormat(fileName: name)
            self.channel = channel
            self.resumeKey = resumeKey
        }
    }

    /// Records handed from the reading thread to the storing one at a time; a transaction holds up to `batch_size` rows.
    static let chunkSize = 2_000

    /// Ingests `input` at the moment `now`.
    ///
    /// Reading and validating run on a thread of their own, one batch ahead of
    /// storing. `shouldStop` is asked before every chunk of ``chunkSize`` records
    /// and after every commit: a daemon that is shutting down commits the chunks in
    /// hand and leaves the rest for its next start. `onProblem` sees every refused record, in input order,
    /// once the batch it belongs to is committed.
    public func ingest<Source: ByteSource>(
        _ input: Input<Source>, now: Int64,
        shouldStop: () -> Bool = { false }, onProblem: (IngestProblem) -> Void = { _ in }
    ) throws -> IngestReport {
        let rules = self.rules
        var run = try database.beginIngestRun(channel: input.channel, input: input.name, resumeKey: input.resumeKey, now: now)
        let rejection = RejectionWriter(
            directory: rejectedDirectory, input: input.name, runID: run.id, now: now, existingFile: run.rejectedFile,
            committed: (run.rejectedBytes, run.rejectedErrorBytes))
        let batcher = FeedBatcher(
            reader: FeedReader(source: input.source, format: input.format, settings: settings),
            decoder: FeedRecordDecoder(rules: rules, calendar: calendar, now: now), rejection: rejection,
            inputName: input.name, batchSize: min(settings.batchSize, Self.chunkSize), resumeAfter: run.lastLine)
        let pipe = BatchPipe<PreparedBatch>(capacity: 2)
        let reading = Self.startReading(batcher, rejection: rejection, into: pipe)
        defer {
            pipe.close()
            reading.wait()
        }
        let cache = IngestCache()
        // A first load into an empty store builds the household index once at its end, whatever happens.
        defer { try? database.endFirstLoad(cache) }
        var report = IngestReport()
        var end: PreparedBatch.InputEnd?
        while true {
            var problems: [IngestProblem] = []
            var chunks = 0
            run = try database.store(startingWith: run, rules: rules, now: now, cache: cache, rowLimit: settings.batchSize) { run in
                // Asked between chunks too (before the first, the check after the last commit
                // did): a stop commits what the transaction holds within a chunk's time,
                // instead of after a whole `batch_size` of rows.
                guard end == nil, chunks == 0 || !shouldStop() else { return nil }
                chunks += 1
                let batch = try pipe.receive()
                run.lastLine = batch.lastLine
                run.counts.rejected += batch.problems.count
                run.rejectedFile = batch.rejectedFile ?? run.rejectedFile
                (run.rejectedBytes, run.rejectedErrorBytes) = batch.rejectedSizes
                problems += batch.problems
                end = batch.end
                return batch.records
            }
            for problem in problems {
                report.add(problem)
                onProblem(problem)
            }
            if let end {
                try database.endFirstLoad(cache)
                try database.finishIngestRun(run, now: now)
                report.counts = run.counts
                if let path = run.rejectedFile { report.rejectedFiles.append(path) }
                if end.sawNoInput {
                    let problem = IngestProblem(file: input.name, line: 0, reason: "the input is empty: no header and no records")
                    report.add(problem)
                    onProblem(problem)
                } else if end.recordCount == 0 {
                    report.notes.append("\(input.name): no records after the header")
                }
                return report
            }
            if shouldStop() {
                report.counts = run.counts
                report.interrupted = true
                return report
            }
        }
    }

    /// Runs `batcher` on a thread of its own until the input ends, an error occurs or the pipe is closed.
    private static func startReading<Source: ByteSource>(
        _ batcher: FeedBatcher<Source>, rejection: RejectionWriter, into pipe: BatchPipe<PreparedBatch>
    ) -> DispatchSemaphore {
        let finished = DispatchSemaphore(value: 0)
        // The batcher and the rejection writer move to the reading thread whole; this thread never touches them again.
        let handOver = HandOver((batcher, rejection))
        let thread = Thread {
            var (batcher, rejection) = handOver.value
            defer {
                try? rejection.close()
                finished.signal()
            }
            while true {
                let batch = Result { try batcher.next() }
                guard pipe.send(batch), case .success(let sent) = batch, sent.end == nil else { return }
            }
        }
        thread.start()
        return finished
    }
}

/// Moves a value that is not `Sendable` to another thread that becomes its only user.
private final class HandOver<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
