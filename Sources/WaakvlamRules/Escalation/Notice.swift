import WaakvlamCore

/// One notice: what changed for whom, why, who owns it and by when. The fields are the
/// contract (docs/contract.md) of the notice log, the socket and the digest.
public struct Notice: Sendable, Equatable {
    /// Stable and increasing; 0 until the store gives it one.
    public var id: Int64
    /// When it was raised.
    public var at: Int64
    /// What kind of notice.
    public var kind: NoticeKind
    /// `resident` or `building`.
    public var subjectType: String
    /// The store id of the subject.
    public var subjectID: Int64
    /// The corporation's reference of the subject.
    public var subjectReference: String
    /// The level before (nil: too few to say).
    public var from: Level?
    /// The level after (nil: too few to say).
    public var to: Level?
    /// The score at the change.
    public var score: Double
    /// Rules (or building measures) that fired.
    public var rules: [String]
    /// Contributing signals as `source:id`.
    public var signals: [String]
    /// The team that owns it.
    public var route: String
    /// The rung of the escalation ladder it is at (0: the first owner).
    public var rung: Int
    /// When it must be acknowledged (end of the last working day), or nil when nothing is asked.
    public var deadline: Int64?

    /// Creates a notice.
    public init(id: Int64 = 0, at: Int64, kind: NoticeKind, subjectType: String, subjectID: Int64, subjectReference: String,
                from: Level?, to: Level?, score: Double, rules: [String], signals: [String], route: String, rung: Int = 0, deadline: Int64?) {
        self.id = id
        self.at = at
        self.kind = kind
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.subjectReference = subjectReference
        self.from = from
        self.to = to
        self.score = score
        self.rules = rules
        self.signals = signals
        self.route = route
        self.rung = rung
        self.deadline = deadline
    }
}
