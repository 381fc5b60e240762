/// One arrears report as the repeat decision sees it.
public struct ArrearsEntry: Sendable, Equatable {
    /// When the report occurred (seconds since the epoch).
    public var occurredAt: Int64
    /// The sending system's name: with `externalID`, it orders reports of the same moment the
    /// same way whatever order they arrived in.
    public var source: String
    /// The report's id within its source.
    public var externalID: String
    /// The store's row id of the source, so a changed mark can be written back.
    public var sourceID: Int64
    /// Its amount in cents, when it had one.
    public var amountCents: Int64?
    /// The mark as it stands in the store (false for a row just inserted).
    public var storedRepeat: Bool
    /// Set while the report belongs to the batch being stored, not yet to the settled history.
    public var isNew: Bool

    /// Creates an entry.
    public init(occurredAt: Int64, source: String, externalID: String, sourceID: Int64, amountCents: Int64?,
                storedRepeat: Bool, isNew: Bool) {
        self.occurredAt = occurredAt
        self.source = source
        self.externalID = externalID
        self.sourceID = sourceID
        self.amountCents = amountCents
        self.storedRepeat = storedRepeat
        self.isNew = isNew
    }

    /// Time first, then the idempotency key: a total order that does not depend on arrival.
    static func precedes(_ a: ArrearsEntry, _ b: ArrearsEntry) -> Bool {
        (a.occurredAt, a.source, a.externalID) < (b.occurredAt, b.source, b.externalID)
    }

    /// Whether `other` is the same report at the same moment (a duplicate row of it).
    func isSameReport(as other: ArrearsEntry) -> Bool {
        occurredAt == other.occurredAt && sourceID == other.sourceID && externalID == other.externalID
    }
}
