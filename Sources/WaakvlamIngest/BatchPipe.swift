import Foundation

/// Hands batches from the reading thread to the storing thread, at most `capacity` ahead.
///
/// The reader blocks when the store falls behind, which bounds memory; the
/// store can close the pipe to make the reader stop (shutdown).
final class BatchPipe<Element: Sendable>: @unchecked Sendable {
    // All state is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [Result<Element, any Error>] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Queues `element`; returns false when the pipe was closed and the reader should stop.
    func send(_ element: Result<Element, any Error>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        queue.append(element)
        condition.broadcast()
        return true
    }

    /// The next element, waiting for it.
    func receive() throws -> Element {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty { condition.wait() }
        let element = queue.removeFirst()
        condition.broadcast()
        return try element.get()
    }

    /// Stops the reader: its next `send` returns false.
    func close() {
        condition.lock()
        closed = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
