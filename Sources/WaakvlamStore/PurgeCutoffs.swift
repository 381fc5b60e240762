import WaakvlamCore

/// The moments before which each kind of record has expired, worked out once per purge from the
/// retention periods, the policy's look-back and `now`.
public struct PurgeCutoffs: Sendable, Equatable {
    /// Signals that happened before this are deleted.
    public var signalsBefore: Int64
    /// Households that moved out on or before this local date (`YYYY-MM-DD`) are deleted.
    public var movedOutThrough: LocalDate
    /// Closed, delivered notices last touched before this are deleted, and level changes
    /// before it that no kept notice names.
    public var noticesBefore: Int64
    /// Audit records written before this are deleted.
    public var auditBefore: Int64

    /// Creates cutoffs.
    public init(signalsBefore: Int64, movedOutThrough: LocalDate, noticesBefore: Int64, auditBefore: Int64) {
        self.signalsBefore = signalsBefore
        self.movedOutThrough = movedOutThrough
        self.noticesBefore = noticesBefore
        self.auditBefore = auditBefore
    }

    /// The cutoffs at `now`: a signal expires `signalsAfterLookBack` after it stopped counting
    /// (its moment plus `lookBack`); a household `movedOut` after the start of its moving-out day.
    public init(retention: RetentionSettings, lookBack: TimeSpan, calendar: LocalCalendar, now: Int64) {
        let zone = calendar.timeZone
        signalsBefore = retention.signalsAfterLookBack.before(now, in: zone) - lookBack.seconds
        // The moving-out day started before the cutoff exactly when it is on or before the
        // local date of the second before it.
        movedOutThrough = calendar.localDate(of: retention.movedOut.before(now, in: zone) - 1)
        noticesBefore = retention.notices.before(now, in: zone)
        auditBefore = retention.audit.before(now, in: zone)
    }
}
