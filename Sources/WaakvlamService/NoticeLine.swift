import Foundation
import WaakvlamCore
import WaakvlamRules

/// A notice as one JSON object on one line: the notice log, `tail` and the socket (decoded again by `tail`).
/// Field names are the contract in docs/contract.md.
public struct NoticeLine: Codable, Sendable {
    /// Stable, increasing id.
    public var id: Int64
    /// When it was raised, ISO 8601 with the local offset.
    public var at: String
    /// `escalation`, `de-escalation`, `overdue`, `reminder`, `building`, `feedback` or `rule-change` (``NoticeKind``).
    public var kind: String
    /// Whom it is about.
    public var subject: Subject
    /// Level before (`unknown` for a building with too few households, and for notices about no
    /// household's level: feedback and rule-change).
    public var from: String
    /// Level after.
    public var to: String
    /// Score at the change.
    public var score: Double
    /// Rules that fired.
    public var rules: [String]
    /// Contributing signals as `source:id`.
    public var signals: [String]
    /// The owning team.
    public var route: String
    /// The rung of the ladder, by name.
    public var rung: String
    /// Acknowledge by, ISO 8601, or null.
    public var deadline: String?

    /// The subject as users name it.
    public struct Subject: Codable, Sendable {
        /// `resident` or `building`.
        public var type: String
        /// The corporation's reference.
        public var id: String
    }

    /// The line for `notice`, with times in `timeZone` and rung names from `ladder`.
    public init(_ notice: Notice, timeZone: TimeZone, ladder: [String]) {
        id = notice.id
        at = Self.format(notice.at, timeZone)
        kind = notice.kind.rawValue
        subject = Subject(type: notice.subjectType, id: notice.subjectReference)
        from = notice.from?.rawValue ?? "unknown"
        to = notice.to?.rawValue ?? "unknown"
        score = (notice.score * 100).rounded() / 100
        rules = notice.rules
        signals = notice.signals
        route = notice.route
        rung = ladder.indices.contains(notice.rung) ? ladder[notice.rung] : "\(notice.rung)"
        deadline = notice.deadline.map { Self.format($0, timeZone) }
    }

    /// The JSON text, without a newline: keys sorted, a missing deadline left out (as
    /// `JSONEncoder` wrote it, which a test holds it to), written by hand for speed.
    public func json() -> String {
        var fields = ["\"at\":" + JSONText.string(at)]
        if let deadline { fields.append("\"deadline\":" + JSONText.string(deadline)) }
        fields += [
            "\"from\":" + JSONText.string(from), "\"id\":\(id)", "\"kind\":" + JSONText.string(kind),
            "\"route\":" + JSONText.string(route), "\"rules\":" + JSONText.array(rules), "\"rung\":" + JSONText.string(rung),
            "\"score\":" + JSONText.number(score), "\"signals\":" + JSONText.array(signals),
            "\"subject\":{\"id\":" + JSONText.string(subject.id) + ",\"type\":" + JSONText.string(subject.type) + "}",
            "\"to\":" + JSONText.string(to),
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// ISO 8601 with the zone's offset at that moment, e.g. `2026-11-05T10:00:00+01:00`. Written
    /// out by hand: a date formatter per notice cost more than the rest of a notice's delivery.
    static func format(_ seconds: Int64, _ timeZone: TimeZone) -> String {
        let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        let (date, inDay) = LocalDate.dayAndSecond(of: seconds + offset)
        // The offset as hours and minutes: the clock time of its magnitude, without the seconds.
        let zone = LocalDate.clockTime(abs(offset)).dropLast(3)
        return "\(date)T\(LocalDate.clockTime(inDay))\(offset < 0 ? "-" : "+")\(zone)"
    }
}
