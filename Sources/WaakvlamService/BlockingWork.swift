import Dispatch

/// Runs blocking work (file reads, database batches) on a dedicated queue instead of the
/// cooperative thread pool, which has only as many threads as cores.
enum BlockingWork {
    static func run<Result: Sendable>(on queue: DispatchQueue, _ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Swift.Result { try work() })
            }
        }
    }
}
