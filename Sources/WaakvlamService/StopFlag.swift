import Synchronization

/// Set once when the daemon begins to shut down; read by blocking work between batches.
public final class StopFlag: Sendable {
    private let state = Mutex(false)

    /// A flag that is not set.
    public init() {}

    /// Sets the flag.
    public func set() { state.withLock { $0 = true } }

    /// Whether the flag is set.
    public var isSet: Bool { state.withLock { $0 } }
}
