import Foundation
import Synchronization
import WaakvlamRules
import WaakvlamSocket
import WaakvlamStore

/// Sends stored notices to the socket's subscribers, once each and in id order: whoever stored
/// them (the daemon, or a command such as `ack`), the next publication finds them in the store
/// after the last id published.
///
/// A notice goes out once it is committed to the store, the outbox from which both the log and
/// the socket read, without waiting for the notice log's fsync: a slow disk flush (tens of
/// milliseconds while SQLite writes back) must not hold up every subscriber. A subscriber that
/// reconnects resumes from the store, which holds every notice it could have been sent.
public final class NoticePublisher: Sendable {
    private let database: AppDatabase
    private let server: SocketServer
    private let timeZone: TimeZone
    private let ladder: [String]
    private let lastPublished: Mutex<Int64>

    /// Starts after the last notice stored: subscribers resume older ones from the store.
    public init(database: AppDatabase, server: SocketServer, timeZone: TimeZone, ladder: [String]) throws {
        self.database = database
        self.server = server
        self.timeZone = timeZone
        self.ladder = ladder
        lastPublished = Mutex(try database.lastNoticeID())
    }

    /// Publishes every stored notice after the last one published.
    public func publish() throws {
        try lastPublished.withLock { last in
            while true {
                let notices = try database.storedNotices(after: last, limit: 1_000)
                for notice in notices {
                    server.publish(id: notice.id, line: NoticeLine(notice, timeZone: timeZone, ladder: ladder).json())
                    last = notice.id
                }
                if notices.count < 1_000 { return }
            }
        }
    }
}
