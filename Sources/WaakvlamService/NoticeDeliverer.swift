import Foundation
import Logging

/// Delivers notices on a thread of its own: whoever stores notices nudges it, and it writes
/// everything waiting with one fsync, then publishes to the socket. Under load many notices
/// share one sync (group commit), so one slow disk flush does not stand between every
/// request and its answer.
public final class NoticeDeliverer: @unchecked Sendable {
    private let noticeLog: NoticeLog
    private let afterDelivery: @Sendable () -> Void
    private let logger: Logger
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = StopFlag()
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the delivery thread.
    public init(noticeLog: NoticeLog, logger: Logger, afterDelivery: @escaping @Sendable () -> Void) {
        self.noticeLog = noticeLog
        self.logger = logger
        self.afterDelivery = afterDelivery
        let thread = Thread { [self] in run() }
        thread.name = "waakvlam.notices"
        thread.start()
    }

    /// Says that notices may be waiting.
    public func nudge() { wake.signal() }

    /// Delivers what is waiting one last time and ends the thread.
    public func stop() {
        stopped.set()
        wake.signal()
        finished.wait()
    }

    private func run() {
        defer { finished.signal() }
        while true {
            wake.wait()
            // Every nudge that came meanwhile is served by this one round.
            while wake.wait(timeout: .now()) == .success {}
            do {
                try noticeLog.deliver()
            } catch {
                logger.error("notices could not be written to the notice log; will retry", metadata: ["error": "\(error)"])
            }
            afterDelivery()
            if stopped.isSet { return }
        }
    }
}
