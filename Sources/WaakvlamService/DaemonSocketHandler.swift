import Foundation
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamRules
import WaakvlamSocket
import WaakvlamStore

/// Answers the socket's requests with the same code paths as the command line: status, explain
/// (audited), ack, contact, snooze and resolve (see `+FollowUp`), reload (see `+Reload`), and ingest — stored by the ingest queue,
/// which then brings levels up to date and nudges the deliverer, so a subscriber hears of a signal's notice within milliseconds.
struct DaemonSocketHandler: SocketHandler {
    let environment: WaakvlamEnvironment
    let levels: LevelService
    let deliverer: NoticeDeliverer
    let ingestQueue: SocketIngestQueue
    let reloader: ConfigurationReloader
    let reloads: ReloadRequests
    let faults: FaultBoard

    func handle(_ request: SocketRequest, peer: PeerCredentials) throws -> [String: JSONValue] {
        switch request.operation {
        case .status: return try status()
        case .explain: return try explain(request.body, peer: peer)
        case .ack: return try acknowledge(request.body, peer: peer)
        case .ingest: return try ingest(request.body)
        case .contact: return try contact(request.body, peer: peer)
        case .snooze: return try snooze(request.body, peer: peer)
        case .resolve: return try resolve(request.body, peer: peer)
        case .reload: return try reload(peer: peer)
        case .subscribe: throw SocketRequestError("subscribe is answered by the server")
        }
    }

    func notices(after id: Int64, limit: Int) throws -> [(id: Int64, line: String)] {
        let timeZone = environment.calendar.timeZone, ladder = environment.configuration.daemon.escalation.ladder
        return try environment.database.storedNotices(after: id, limit: limit).map { ($0.id, NoticeLine($0, timeZone: timeZone, ladder: ladder).json()) }
    }

    /// The store's figures at the top level (as before), and what `waakvlam status` adds: the
    /// spool backlog, rejected files and state directory; and the last notice stored (what a
    /// subscription sends), up to which `waakvlam tail --no-follow` reads.
    private func status() throws -> [String: JSONValue] {
        let report = try environment.statusReport(at: environment.clock.now(), configuration: reloader.inForce, version: reloader.versionInForce)
        var answer = try encode(report.store)
        answer["spool_backlog"] = .int(Int64(report.spoolBacklog))
        answer["rejected_files"] = .int(Int64(report.rejectedFiles))
        answer["state_directory"] = .string(report.stateDirectory)
        answer["last_notice_id"] = .int(try environment.database.lastNoticeID())
        answer["configuration_version"] = .string(report.configurationVersion)
        answer["silent_sources"] = .array(report.silentSources.map { .string($0) })
        answer["faults"] = .array(try faults.faults.map { .object(try encode($0)) })
        return answer
    }

    private func explain(_ body: [String: JSONValue], peer: PeerCredentials) throws -> [String: JSONValue] {
        guard let keeper = levels.keeper else { throw SocketRequestError("the daemon is still loading levels; try again in a moment") }
        let now = environment.clock.now()
        let resident = body["resident"]?.stringValue, building = body["building"]?.stringValue
        guard (resident == nil) != (building == nil) else { throw SocketRequestError("name exactly one of 'resident' or 'building'") }
        guard let explanation = try environment.explain(resident: resident, building: building, with: keeper, who: "uid \(peer.uid)", at: now) else {
            throw SocketRequestError("no \(resident != nil ? "resident" : "building") '\(resident ?? building ?? "")' is known")
        }
        return try encode(explanation)
    }

    private func acknowledge(_ body: [String: JSONValue], peer: PeerCredentials) throws -> [String: JSONValue] {
        guard let notice = body["notice"]?.int64Value, let by = body["by"]?.stringValue, !by.isEmpty else {
            throw SocketRequestError("ack needs 'notice' (a number) and 'by' (who follows it up)")
        }
        do {
            let done = try environment.acknowledge(notice: notice, by: by, note: body["note"]?.stringValue, who: "uid \(peer.uid)",
                                                   at: environment.clock.now())
            deliverer.nudge()
            return ["acknowledged": .array(done.acknowledged.map { .int($0) }), "feedback": .int(Int64(done.feedback.count))]
        } catch let error as FollowUpError {
            throw SocketRequestError(error.description)
        }
    }

    private func ingest(_ body: [String: JSONValue]) throws -> [String: JSONValue] {
        guard let data = body["data"]?.stringValue else { throw SocketRequestError("ingest needs 'data': the feed text (CSV with header, or JSON Lines)") }
        let format = try body["format"]?.stringValue.map { text in
            guard let format = FeedFormat(rawValue: text) else { throw SocketRequestError("format must be csv or jsonl") }
            return format
        }
        let name = body["name"]?.stringValue ?? "socket"
        // Stored together with whatever else arrived meanwhile; levels and notices follow on their
        // own threads, which also take in a burst at once.
        let report = try ingestQueue.ingest(SmallInput(text: data, name: name, format: format))
        return [
            "accepted": .int(Int64(report.counts.accepted)), "duplicates": .int(Int64(report.counts.duplicates)),
            "repeats": .int(Int64(report.counts.repeats)), "rejected": .int(Int64(report.counts.rejected)),
            "errors": .array(report.problems.map { .object(["file": .string($0.file), "line": .int(Int64($0.line)), "reason": .string($0.reason)]) }),
            "errors_omitted": .int(Int64(report.problemsOmitted)), "rejected_files": .array(report.rejectedFiles.map { .string($0) }),
            "notes": .array(report.notes.map { .string($0) }),
        ]
    }

    private func encode(_ value: some Encodable) throws -> [String: JSONValue] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let object = try JSONValue(parsing: encoder.encode(value)).objectValue else { throw SocketRequestError("internal: not an object") }
        return object
    }
}
