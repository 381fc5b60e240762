import WaakvlamCore

/// Records read, validated and ready to store, with the progress that goes with them.
struct PreparedBatch: Sendable {
    /// Valid records, in input order.
    var records: [FeedRecord] = []
    /// Records refused in this stretch of input, already kept in `rejected/`.
    var problems: [IngestProblem] = []
    /// The last input line this batch covers.
    var lastLine: Int
    /// The rejected-rows file, once there is one.
    var rejectedFile: String?
    /// Committed sizes of the rejected-rows file and its `.errors` file after this batch.
    var rejectedSizes: (data: Int64, errors: Int64)
    /// Set on the last batch: the input is exhausted.
    var end: InputEnd?

    /// What the reader knew when the input ended.
    struct InputEnd: Sendable {
        /// The input held no bytes at all.
        var sawNoInput: Bool
        /// Records (good or bad) after the header.
        var recordCount: Int
    }
}
