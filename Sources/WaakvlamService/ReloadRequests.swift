import Dispatch
import Synchronization

/// The reloads asked for (by `SIGHUP`, or over the socket by `waakvlam reload`), waiting for
/// ``ReloadService``, which runs them one at a time so that systemd hears one `RELOADING=1` …
/// `READY=1` at a time. Requests that arrive while a reload runs are answered together by the
/// next one: each asked for the files as they are now, and that reload reads them after it.
final class ReloadRequests: Sendable {
    /// One who asked: named in the journal, and told the outcome if they wait for it.
    struct Request: Sendable {
        /// `SIGHUP`, or `uid N` for a socket peer.
        var by: String
        /// Called with the outcome (on the reload's task); nil for a signal, which waits for nothing.
        var answer: (@Sendable (ConfigurationReloader.Outcome) -> Void)?
    }

    private struct State {
        var waiting: [Request] = []
        var stopped = false
    }

    private let state = Mutex(State())
    /// Rung once per request; a ring not yet heard is kept once, which is enough: the service
    /// takes every request waiting when it hears it.
    let doorbell: AsyncStream<Void>
    private let ring: AsyncStream<Void>.Continuation

    /// What a request gets once the daemon no longer reloads.
    static let stopping = ConfigurationReloader.Outcome.refused(["the daemon is stopping; the running configuration stays until it does"])

    init() {
        (doorbell, ring) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks for a reload without waiting for it.
    func add(_ request: Request) {
        let stopped = state.withLock { state in
            if !state.stopped { state.waiting.append(request) }
            return state.stopped
        }
        if stopped { request.answer?(Self.stopping) } else { ring.yield() }
    }

    /// Asks for a reload for `by` and blocks this thread (a socket handler's, never the
    /// cooperative pool's) until it is done.
    func reloadAndWait(by: String) -> ConfigurationReloader.Outcome {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<ConfigurationReloader.Outcome?>(nil)
        add(Request(by: by) { result in
            outcome.withLock { $0 = result }
            done.signal()
        })
        done.wait()
        return outcome.withLock { $0 } ?? Self.stopping
    }

    /// Every request waiting, to be answered by one reload.
    func take() -> [Request] {
        state.withLock { state in
            defer { state.waiting = [] }
            return state.waiting
        }
    }

    /// No more reloads: the requests still waiting, to be told so; later ones are told at once.
    func stop() -> [Request] {
        ring.finish()
        return state.withLock { state in
            state.stopped = true
            defer { state.waiting = [] }
            return state.waiting
        }
    }
}
