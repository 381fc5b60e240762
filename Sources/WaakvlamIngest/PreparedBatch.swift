import WaakvlamCore

/// Records read, validated and ready to store, with the refused rows and the progress that go with them.
///
/// Refused rows travel with the batch instead of being written by the reading thread:
/// the store finds refusals of its own (conflicting keys), and both must reach the
/// rejected-rows file in line with the progress committed for them.
struct PreparedBatch: Sendable {
    /// Valid records, in input order.
    var records: [FeedRecord] = []
    /// The input line of each record.
    var lines: [Int] = []
    /// The bytes of every record as read, one after another; ``rawEnds`` says where each ends.
    /// Kept so that a record the store refuses goes to `rejected/` verbatim.
    var raw: [UInt8] = []
    /// The end of each record's bytes in ``raw``.
    var rawEnds: [Int] = []
    /// Rows refused while reading, to be kept in `rejected/`.
    var rejections: [Rejection] = []
    /// Bytes held in ``rejections``; a batch stops growing past a bound (a binary file has no records to count).
    var rejectedBytes = 0
    /// The CSV header as written, for a new rejected-rows file.
    var header: [UInt8]?
    /// The last input line this batch covers.
    var lastLine: Int
    /// Set on the last batch: the input is exhausted.
    var end: InputEnd?

    /// What the reader knew when the input ended.
    struct InputEnd: Sendable {
        /// The input held no bytes at all.
        var sawNoInput: Bool
        /// Records (good or bad) after the header.
        var recordCount: Int
    }

    /// A refused row, or more bytes of the one before it.
    struct Rejection: Sendable {
        /// Why it was refused; nil for more bytes of a row already reported (the rest of a binary file).
        var problem: IngestProblem?
        /// The bytes as read.
        var raw: [UInt8]
    }

    /// The problems of the rows refused while reading.
    var problems: [IngestProblem] { rejections.compactMap(\.problem) }

    /// This batch without its records and refusals: what finding a record's bytes needs, held for a whole transaction.
    var bytesOnly: PreparedBatch {
        var copy = self
        copy.records = []
        copy.rejections = []
        return copy
    }

    /// The bytes of the record read from `line`, if this batch holds it.
    func rawRecord(atLine line: Int) -> ArraySlice<UInt8>? {
        // Lines only grow within an input, so a binary search finds it.
        var low = 0, high = lines.count
        while low < high {
            let middle = (low + high) / 2
            if lines[middle] < line { low = middle + 1 } else { high = middle }
        }
        guard low < lines.count, lines[low] == line else { return nil }
        return raw[(low == 0 ? 0 : rawEnds[low - 1])..<rawEnds[low]]
    }
}
