import Foundation
import Synchronization
import WaakvlamRules
import WaakvlamSocket
import WaakvlamStore

/// Sends delivered notices to the socket's subscribers, once each and in id order: whoever
/// delivered them (the daemon, or a command such as `ack`), the next publication finds them
/// in the store after the last id published.
public final class NoticePublisher: Sendable {
    private let database: AppDatabase
    private let server: SocketServer
    private let timeZone: TimeZone
    private let ladder: [String]
    private let lastPublished: Mutex<Int64>

    /// Starts after the last notice already delivered: subscribers resume older ones from the store.
    public init(database: AppDatabase, server: SocketServer, timeZone: TimeZone, ladder: [String]) throws {
        self.database = database
        self.server = server
        self.timeZone = timeZone
        self.ladder = ladder
        lastPublished = Mutex(try database.lastDeliveredNoticeID())
    }

    /// Publishes every delivered notice after the last one published.
    public func publish() throws {
        try lastPublished.withLock { last in
            while true {
                let notices = try database.notices(after: last, limit: 1_000)
                for notice in notices {
                    server.publish(id: notice.id, line: NoticeLine(notice, timeZone: timeZone, ladder: ladder).json())
                    last = notice.id
                }
                if notices.count < 1_000 { return }
            }
        }
    }
}
