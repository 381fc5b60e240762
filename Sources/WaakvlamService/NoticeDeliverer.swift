import Foundation
import Logging

/// Delivers notices on a thread of its own: whoever stores notices nudges it, and it writes
/// everything waiting with one fsync, then publishes to the socket. Under load many notices
/// share one sync (group commit), so one slow disk flush does not stand between every
/// request and its answer.
public final class NoticeDeliverer: Sendable {
    private let thread: NudgedThread

    /// Starts the delivery thread.
    /// Log lines name each delivered notice by id, kind, team and the subject's keyed pseudonym.
    public init(noticeLog: NoticeLog, pseudonyms: Pseudonymizer, logger: Logger, afterDelivery: @escaping @Sendable () -> Void) {
        thread = NudgedThread(name: "waakvlam.notices", finalRound: true) {
            do {
                let delivered = try noticeLog.deliver()
                for notice in delivered.prefix(20) {
                    logger.info("notice delivered", metadata: [
                        "notice": "\(notice.id)", "kind": "\(notice.kind.rawValue)", "route": "\(notice.route)",
                        "subject": "\(pseudonyms.pseudonym(of: notice.subjectReference, kind: notice.subjectType))",
                    ])
                }
                if delivered.count > 20 { logger.info("notices delivered", metadata: ["count": "\(delivered.count)"]) }
            } catch {
                logger.error("notices could not be written to the notice log; will retry", metadata: ["error": "\(error)"])
            }
            afterDelivery()
        }
    }

    /// Says that notices may be waiting.
    public func nudge() { thread.nudge() }

    /// Delivers what is waiting one last time and ends the thread.
    public func stop() { thread.stop() }
}
