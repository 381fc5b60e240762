import WaakvlamCore
import WaakvlamFeeds

/// Reads an input and cuts it into batches of valid records and refused rows.
///
/// Runs on its own thread while the previous batch is being stored: reading
/// and validating on one core, SQLite on the other.
struct FeedBatcher<Source: ByteSource> {
    private var reader: FeedReader<Source>
    private var decoder: FeedRecordDecoder
    private let inputName: String
    private let batchSize: Int
    private let resumeAfter: Int
    private var lastLine: Int
    private var skippingRejection = false

    /// Refused bytes after which a batch is handed on even with few records.
    static var rejectedBytesPerBatch: Int { 1 << 20 }

    init(reader: FeedReader<Source>, decoder: FeedRecordDecoder, inputName: String, batchSize: Int, resumeAfter: Int) {
        self.reader = reader
        self.decoder = decoder
        self.inputName = inputName
        self.batchSize = batchSize
        self.resumeAfter = resumeAfter
        self.lastLine = resumeAfter
    }

    /// The next batch; the one with ``PreparedBatch/end`` set is the last.
    mutating func next() throws -> PreparedBatch {
        var batch = PreparedBatch(lastLine: lastLine)
        batch.records.reserveCapacity(batchSize)
        while batch.records.count < batchSize, batch.rejectedBytes < Self.rejectedBytesPerBatch {
            guard let item = try reader.next() else {
                batch.end = PreparedBatch.InputEnd(sawNoInput: reader.sawNoInput, recordCount: reader.recordCount)
                break
            }
            switch item {
            case .record(let line, let values, let raw):
                guard line > resumeAfter else { continue }
                lastLine = line
                switch decoder.decode(values) {
                case .success(let record):
                    batch.records.append(record)
                    batch.lines.append(line)
                    batch.raw.append(contentsOf: raw)
                    batch.rawEnds.append(batch.raw.count)
                case .failure(let error): reject(raw, line: line, reason: error.description, into: &batch)
                }
            case .rejected(let line, let reason, let raw):
                skippingRejection = line <= resumeAfter
                guard !skippingRejection else { continue }
                lastLine = line
                reject(raw, line: line, reason: reason, into: &batch)
            case .rejectedContinuation(let raw):
                if !skippingRejection {
                    batch.rejections.append(PreparedBatch.Rejection(problem: nil, raw: Array(raw)))
                    batch.rejectedBytes += raw.count
                }
            }
        }
        batch.lastLine = lastLine
        batch.header = reader.header.map(Array.init)
        return batch
    }

    private func reject(_ raw: ArraySlice<UInt8>, line: Int, reason: String, into batch: inout PreparedBatch) {
        batch.rejections.append(PreparedBatch.Rejection(problem: IngestProblem(file: inputName, line: line, reason: reason), raw: Array(raw)))
        batch.rejectedBytes += raw.count
    }
}
