import WaakvlamStore

extension RejectionWriter {
    /// Keeps the rows `batch` refused while reading.
    func keep(_ batch: PreparedBatch) throws {
        for rejection in batch.rejections {
            if let problem = rejection.problem {
                try reject(rejection.raw[...], problem: problem, header: batch.header?[...])
            } else {
                try continueRejection(rejection.raw[...])
            }
        }
    }

    /// Keeps the signals the store refused as conflicts, found in `batches`, and returns their problems.
    func keep(_ conflicts: [SignalConflict], of input: String, from batches: [PreparedBatch]) throws -> [IngestProblem] {
        try conflicts.map { conflict in
            let problem = IngestProblem(file: input, line: conflict.line, reason: conflict.reason)
            // Every record the store saw came from one of these batches.
            let raw = batches.lazy.compactMap { $0.rawRecord(atLine: conflict.line) }.first ?? []
            try reject(raw, problem: problem, header: batches.last?.header?[...])
            return problem
        }
    }
}
