import ServiceLifecycle
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

extension StopFlag {
    /// Runs `step` again and again, each time pausing as long as it returns, until a graceful
    /// shutdown begins (which sets this flag and cuts the pause short) or the task is cancelled.
    /// The services that look for work on their own (spool, daily digest, daily purge) run so.
    func repeatUntilShutdown(_ step: () async -> Duration) async {
        await withGracefulShutdownHandler {
            while !isSet && !Task.isCancelled {
                let pause = await step()
                _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
            }
        } onGracefulShutdown: {
            self.set()
        }
    }
}
