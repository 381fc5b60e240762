import Foundation

/// A thread that runs one round of work each time it is nudged; nudges that arrive during a
/// round are served by the next one, so a burst of them costs one round. A round that failed
/// returns how long to wait before it runs again by itself (back-off); nudges meanwhile do not
/// cut the wait short, since the retry serves them too.
final class NudgedThread: @unchecked Sendable {
    private let round: @Sendable () -> Duration?
    private let wake = DispatchSemaphore(value: 0)
    private let stopping = StopFlag()
    private let finalRound: Bool
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the thread; `finalRound` says whether `stop()` runs the round once more before
    /// ending; `lowered` runs it at a lower priority (see ``ThreadPriority``).
    init(name: String, finalRound: Bool, lowered: Bool = false, round: @escaping @Sendable () -> Duration?) {
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
            var retry = round()
            while let wait = retry, !stopping.isSet {
                let deadline = DispatchTime.now() + wait.timeInterval
                while !stopping.isSet, wake.wait(timeout: deadline) == .success {}
                if stopping.isSet { break }
                retry = round()
            }
            if stopping.isSet {
                // Stopped during a back-off: one last try, if the thread has a final round.
                if retry != nil, finalRound { _ = round() }
                return
            }
        }
    }
}
