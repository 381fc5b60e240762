import WaakvlamCore
import WaakvlamFeeds
import WaakvlamStore

/// The one ingest path: bytes in, records validated, stored in batches, bad rows kept aside.
///
/// The command line, the spool directory and the socket all come through
/// here, so a record is judged the same way whichever way it arrives.
public struct Ingestor: Sendable {
    private let database: AppDatabase
    private let rules: RuleSet
    private let calendar: LocalCalendar
    private let settings: IngestSettings
    private let rejectedDirectory: String

    /// Creates an ingestor writing to `database` and putting rejected rows under `rejectedDirectory`.
    public init(database: AppDatabase, rules: RuleSet, calendar: LocalCalendar, settings: IngestSettings, rejectedDirectory: String) {
        self.database = database
        self.rules = rules
        self.calendar = calendar
        self.settings = settings
        self.rejectedDirectory = rejectedDirectory
    }

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

    /// Ingests `input` at the moment `now`.
    ///
    /// `shouldStop` is asked after every committed batch: a daemon that is
    /// shutting down finishes the batch in hand and leaves the rest for its
    /// next start. `onProblem` sees every refused record as it is found.
    public func ingest<Source: ByteSource>(
        _ input: Input<Source>, now: Int64,
        shouldStop: () -> Bool = { false }, onProblem: (IngestProblem) -> Void = { _ in }
    ) throws -> IngestReport {
        var run = try database.beginIngestRun(channel: input.channel, input: input.name, resumeKey: input.resumeKey, now: now)
        let resumeAfter = run.lastLine
        var reader = FeedReader(source: input.source, format: input.format, settings: settings)
        let rejection = RejectionWriter(
            directory: rejectedDirectory, input: input.name, runID: run.id, now: now, existingFile: run.rejectedFile,
            committed: (run.rejectedBytes, run.rejectedErrorBytes))
        defer { try? rejection.close() }
        let decoder = FeedRecordDecoder(rules: rules, calendar: calendar, now: now)
        let cache = IngestCache()
        var report = IngestReport()
        var batch: [FeedRecord] = []
        batch.reserveCapacity(settings.batchSize)
        var lastLine = run.lastLine
        var skippingRejection = false

        func reject(_ raw: ArraySlice<UInt8>, line: Int, reason: String) throws {
            let problem = IngestProblem(file: input.name, line: line, reason: reason)
            try rejection.reject(raw, problem: problem, header: reader.header)
            run.counts.rejected += 1
            report.add(problem)
            onProblem(problem)
        }

        func commit() throws {
            try rejection.flush()
            run.lastLine = lastLine
            run.rejectedFile = rejection.path ?? run.rejectedFile
            (run.rejectedBytes, run.rejectedErrorBytes) = rejection.sizes
            (run, _) = try database.store(batch, in: run, rules: rules, now: now, cache: cache)
            batch.removeAll(keepingCapacity: true)
        }

        while let item = try reader.next() {
            switch item {
            case .record(let line, let values, let raw):
                guard line > resumeAfter else { continue }
                lastLine = line
                switch decoder.decode(values) {
                case .success(let record): batch.append(record)
                case .failure(let error): try reject(raw, line: line, reason: error.description)
                }
            case .rejected(let line, let reason, let raw):
                skippingRejection = line <= resumeAfter
                guard !skippingRejection else { continue }
                lastLine = line
                try reject(raw, line: line, reason: reason)
            case .rejectedContinuation(let raw):
                if !skippingRejection { try rejection.continueRejection(raw) }
            }
            if batch.count >= settings.batchSize {
                try commit()
                if shouldStop() {
                    report.counts = run.counts
                    report.interrupted = true
                    return report
                }
            }
        }
        try commit()
        try database.finishIngestRun(run, now: now)
        try rejection.close()
        report.counts = run.counts
        if let path = rejection.path ?? run.rejectedFile { report.rejectedFiles.append(path) }
        if reader.sawNoInput {
            let problem = IngestProblem(file: input.name, line: 0, reason: "the input is empty: no header and no records")
            report.add(problem)
            onProblem(problem)
        } else if reader.recordCount == 0 {
            report.notes.append("\(input.name): no records after the header")
        }
        return report
    }
}
