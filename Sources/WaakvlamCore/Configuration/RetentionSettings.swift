/// How long data is kept, and when the daemon deletes what has expired (`retention:`).
///
/// Every period is local policy; the defaults follow the municipal practice in docs/domain.md
/// (early-signal data kept 6, 12 or 18 months) and lean towards deleting.
public struct RetentionSettings: Sendable, Equatable {
    /// A signal is deleted this long after it stopped counting: after its moment plus the
    /// policy's look-back (``StoplightPolicy/lookBack``: the scoring horizon or a longer rule window).
    public var signalsAfterLookBack: RetentionPeriod
    /// A household whose registry says it moved out is deleted this long after its moving-out
    /// date, with its signals, registry history, contacts, states, level changes and notices.
    public var movedOut: RetentionPeriod
    /// A delivered notice of a case without open notices is deleted this long after it was
    /// resolved (else acknowledged, else raised); level changes no kept notice refers to as well.
    public var notices: RetentionPeriod
    /// Audit records are deleted this long after they were written.
    public var audit: RetentionPeriod
    /// Local time of day, in minutes after midnight, at which the daemon purges each day.
    public var minuteOfDay: Int

    /// The shipped defaults: signals 18 months after they stop counting, moved-out households
    /// 6 months, notices and audit records 24 months, purged daily at 03:30.
    public static let defaults = RetentionSettings(signalsAfterLookBack: .months(18), movedOut: .months(6),
                                                   notices: .months(24), audit: .months(24), minuteOfDay: 3 * 60 + 30)

    /// Creates retention settings.
    public init(signalsAfterLookBack: RetentionPeriod, movedOut: RetentionPeriod, notices: RetentionPeriod, audit: RetentionPeriod, minuteOfDay: Int) {
        self.signalsAfterLookBack = signalsAfterLookBack
        self.movedOut = movedOut
        self.notices = notices
        self.audit = audit
        self.minuteOfDay = minuteOfDay
    }
}
