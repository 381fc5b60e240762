import Foundation
import Logging
import WaakvlamCore
import WaakvlamStore

/// Delivers stored notices to the notice log and to the socket's subscribers, each on a thread
/// of its own: whoever stores notices nudges both. The log thread writes everything waiting
/// with one fsync (group commit), and the socket thread publishes without waiting for that
/// flush, so a slow disk never stands between a signal and its subscribers.
public final class NoticeDeliverer: Sendable {
    private let logThread: NudgedThread
    private let socketThread: NudgedThread?

    /// Starts the delivery threads (no socket thread without a `publisher`).
    /// Log lines name each delivered notice by id, kind, team and the subject's keyed pseudonym.
    /// A log that cannot be written (a full disk) is retried with back-off, reported to `faults`.
    public init(noticeLog: NoticeLog, publisher: NoticePublisher?, pseudonyms: Pseudonymizer, faults: FaultBoard, logger: Logger) {
        logThread = NudgedThread(name: "waakvlam.notices", finalRound: true, lowered: true) {
            let started = ContinuousClock.now
            // At most one fsync per `logRoundEvery`: notices that arrive meanwhile share the next
            // one. Nobody waits on the log (subscribers are served from the store), and an fsync
            // per catch-up round cost a twentieth of the daemon's time at 1,000 signals/s.
            defer {
                let rest = Self.logRoundEvery - (ContinuousClock.now - started)
                if rest > .zero { Thread.sleep(forTimeInterval: rest.timeInterval) }
            }
            do {
                let delivered = try noticeLog.deliver()
                for notice in delivered.prefix(20) {
                    logger.info("notice delivered", metadata: [
                        "notice": "\(notice.id)", "kind": "\(notice.kind.rawValue)", "route": "\(notice.route)",
                        "subject": "\(pseudonyms.pseudonym(of: notice.subjectReference, kind: notice.subjectType))",
                    ])
                }
                if delivered.count > 20 { logger.info("notices delivered", metadata: ["count": "\(delivered.count)"]) }
                faults.succeeded("notice log")
                return nil
            } catch {
                // The store keeps them (the outbox); the log gets them, once each, when writing works again.
                return faults.failed("notice log", error)
            }
        }
        socketThread = publisher.map { publisher in
            NudgedThread(name: "waakvlam.publish", finalRound: true) {
                do { try publisher.publish() } catch { logger.error("notices could not be published on the socket", metadata: ["error": "\(FaultDescription.of(error))"]) }
                return nil
            }
        }
    }

    /// The shortest time between two rounds of the log thread.
    static let logRoundEvery = Duration.milliseconds(10)

    /// Says that notices may be waiting.
    public func nudge() {
        socketThread?.nudge()
        logThread.nudge()
    }

    /// Delivers what is waiting one last time and ends the threads.
    public func stop() {
        socketThread?.stop()
        logThread.stop()
    }
}
