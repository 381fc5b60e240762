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
    /// hand and leaves the rest for its next start. `onProblem` sees every refused
    /// record, in input order within each committed transaction, once that is committed.
    public func ingest<Source: ByteSource>(
        _ input: Input<Source>, now: Int64,
        shouldStop: () -> Bool = { false }, onProblem: (IngestProblem) -> Void = { _ in }
    ) throws -> IngestReport {
        let rules = self.rules
        var run = try database.beginIngestRun(channel: input.channel, input: input.name, resumeKey: input.resumeKey, now: now)
        let rejection = RejectionWriter(
            directory: rejectedDirectory, input: input.name, runID: run.id, now: now, existingFile: run.rejectedFile,
            committed: (run.rejectedBytes, run.rejectedErrorBytes))
        defer { try? rejection.close() }
        let batcher = FeedBatcher(
            reader: FeedReader(source: input.source, format: input.format, settings: settings),
            decoder: FeedRecordDecoder(rules: rules, calendar: calendar, now: now),
            inputName: input.name, batchSize: min(settings.batchSize, Self.chunkSize), resumeAfter: run.lastLine)
        let pipe = BatchPipe<PreparedBatch>(capacity: 2)
        let reading = Self.startReading(batcher, into: pipe)
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
            // The batches of this transaction, for the bytes of a record the store refuses.
            var held: [PreparedBatch] = []
            var chunks = 0
            run = try database.store(startingWith: run, rules: rules, now: now, cache: cache, rowLimit: settings.batchSize, next: { run in
                // Asked between chunks too (before the first, the check after the last commit
                // did): a stop commits what the transaction holds within a chunk's time,
                // instead of after a whole `batch_size` of rows.
                guard end == nil, chunks == 0 || !shouldStop() else { return nil }
                chunks += 1
                let batch = try pipe.receive()
                try rejection.keep(batch)
                run.lastLine = batch.lastLine
                run.counts.rejected += batch.problems.count
                problems += batch.problems
                end = batch.end
                held.append(batch.bytesOnly)
                return (batch.records, batch.lines)
            }, refuse: { run, conflicts in
                problems += try rejection.keep(conflicts, of: input.name, from: held)
                // The rejected rows reach the file system before the progress that counts them is committed.
                try rejection.flush()
                if let path = rejection.path {
                    run.rejectedFile = path
                    (run.rejectedBytes, run.rejectedErrorBytes) = rejection.sizes
                }
            })
            problems.sort { $0.line < $1.line }
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
    private static func startReading<Source: ByteSource>(_ batcher: FeedBatcher<Source>, into pipe: BatchPipe<PreparedBatch>) -> DispatchSemaphore {
        let finished = DispatchSemaphore(value: 0)
        // The batcher moves to the reading thread whole; this thread never touches it again.
        let handOver = HandOver(batcher)
        let thread = Thread {
            var batcher = handOver.value
            defer { finished.signal() }
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
