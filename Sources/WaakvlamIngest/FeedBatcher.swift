import WaakvlamCore
import WaakvlamFeeds

/// Reads an input and cuts it into batches of valid records, keeping refused rows aside as it goes.
///
/// Runs on its own thread while the previous batch is being stored: reading
/// and validating on one core, SQLite on the other.
struct FeedBatcher<Source: ByteSource> {
    private var reader: FeedReader<Source>
    private var decoder: FeedRecordDecoder
    private let rejection: RejectionWriter
    private let inputName: String
    private let batchSize: Int
    private let resumeAfter: Int
    private var lastLine: Int
    private var skippingRejection = false

    init(reader: FeedReader<Source>, decoder: FeedRecordDecoder, rejection: RejectionWriter, inputName: String, batchSize: Int, resumeAfter: Int) {
        self.reader = reader
        self.decoder = decoder
        self.rejection = rejection
        self.inputName = inputName
        self.batchSize = batchSize
        self.resumeAfter = resumeAfter
        self.lastLine = resumeAfter
    }

    /// The next batch; the one with ``PreparedBatch/end`` set is the last.
    mutating func next() throws -> PreparedBatch {
        var batch = PreparedBatch(lastLine: lastLine, rejectedSizes: (0, 0))
        batch.records.reserveCapacity(batchSize)
        while batch.records.count < batchSize, let item = try reader.next() {
            switch item {
            case .record(let line, let values, let raw):
                guard line > resumeAfter else { continue }
                lastLine = line
                switch decoder.decode(values) {
                case .success(let record): batch.records.append(record)
                case .failure(let error): try reject(raw, line: line, reason: error.description, into: &batch)
                }
            case .rejected(let line, let reason, let raw):
                skippingRejection = line <= resumeAfter
                guard !skippingRejection else { continue }
                lastLine = line
                try reject(raw, line: line, reason: reason, into: &batch)
            case .rejectedContinuation(let raw):
                if !skippingRejection { try rejection.continueRejection(raw) }
            }
        }
        if batch.records.count < batchSize {
            batch.end = PreparedBatch.InputEnd(sawNoInput: reader.sawNoInput, recordCount: reader.recordCount)
        }
        // The rejected rows reach the file system before the progress that counts them is committed.
        try rejection.flush()
        batch.lastLine = lastLine
        batch.rejectedFile = rejection.path
        batch.rejectedSizes = rejection.sizes
        return batch
    }

    private func reject(_ raw: ArraySlice<UInt8>, line: Int, reason: String, into batch: inout PreparedBatch) throws {
        let problem = IngestProblem(file: inputName, line: line, reason: reason)
        try rejection.reject(raw, problem: problem, header: reader.header)
        batch.problems.append(problem)
    }
}
