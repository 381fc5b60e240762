import Foundation

/// A thread that runs one round of work each time it is nudged; nudges that arrive during a
/// round are served by the next one, so a burst of them costs one round.
final class NudgedThread: @unchecked Sendable {
    private let round: @Sendable () -> Void
    private let wake = DispatchSemaphore(value: 0)
    private let stopping = StopFlag()
    private let finalRound: Bool
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the thread; `finalRound` says whether `stop()` runs the round once more before
    /// ending; `lowered` runs it at a lower priority (see ``ThreadPriority``).
    init(name: String, finalRound: Bool, lowered: Bool = false, round: @escaping @Sendable () -> Void) {
        self.round = round
        self.finalRound = finalRound
        let thread = Thread { [self] in
            if lowered { ThreadPriority.lowerCurrent(by: 5) }
            run()
        }
        thread.name = name
        thread.start()
    }

    /// Asks for a round.
    func nudge() { wake.signal() }

    /// Ends the thread once the round in hand (and the final round, if asked) is done.
    func stop() {
        stopping.set()
        wake.signal()
        finished.wait()
    }

    private func run() {
        defer { finished.signal() }
        while true {
            wake.wait()
            while wake.wait(timeout: .now()) == .success {}
            if stopping.isSet, !finalRound { return }
            round()
            if stopping.isSet { return }
        }
    }
}
