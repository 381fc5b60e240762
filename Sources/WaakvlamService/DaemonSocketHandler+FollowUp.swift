import WaakvlamSocket
import WaakvlamStore

/// `contact`, `snooze` and `resolve` through the socket: the same store calls as the commands
/// make directly, recorded in the audit table as `uid N`, so that a worker can follow a case up
/// while the daemon holds the state directory.
extension DaemonSocketHandler {
    func contact(_ body: [String: JSONValue], peer: PeerCredentials) throws -> [String: JSONValue] {
        guard let resident = body["resident"]?.stringValue, let method = body["method"]?.stringValue, ["visit", "phone", "letter"].contains(method),
              let reached = body["reached"]?.boolValue else {
            throw SocketRequestError("contact needs 'resident', 'method' (visit, phone or letter) and 'reached' (true or false)")
        }
        let now = environment.clock.now()
        try followingUp {
            try environment.database.recordContact(resident: resident, method: method, reached: reached, by: body["by"]?.stringValue,
                                                   note: body["note"]?.stringValue, at: now)
            try environment.database.audit(who: "uid \(peer.uid)", action: "contact", subject: "resident \(resident)", at: now)
        }
        return [:]
    }

    func snooze(_ body: [String: JSONValue], peer: PeerCredentials) throws -> [String: JSONValue] {
        guard let notice = body["notice"]?.int64Value, let until = body["until"]?.int64Value, let reason = body["reason"]?.stringValue else {
            throw SocketRequestError("snooze needs 'notice' (a number), 'until' (seconds since 1970) and 'reason'")
        }
        let now = environment.clock.now()
        try followingUp {
            try environment.database.snooze(notice: notice, until: until, reason: reason, at: now,
                                            longest: reloader.inForce.daemon.escalation.maxSnooze)
            try environment.database.audit(who: "uid \(peer.uid)", action: "snooze", subject: "notice \(notice)", at: now)
        }
        return [:]
    }

    func resolve(_ body: [String: JSONValue], peer: PeerCredentials) throws -> [String: JSONValue] {
        guard let notice = body["notice"]?.int64Value else { throw SocketRequestError("resolve needs 'notice' (a number)") }
        let now = environment.clock.now()
        var resolved: [Int64] = []
        try followingUp {
            resolved = try environment.database.resolve(notice: notice, by: body["by"]?.stringValue, at: now)
            try environment.database.audit(who: "uid \(peer.uid)", action: "resolve", subject: "notice \(notice)", at: now)
        }
        return ["resolved": .array(resolved.map { .int($0) })]
    }

    /// A follow-up the store refuses (no such notice, a snooze too long) is the request's fault.
    private func followingUp(_ work: () throws -> Void) throws {
        do { try work() } catch let error as FollowUpError { throw SocketRequestError(error.description) }
    }
}
