/// One stored signal as the engine needs it.
public struct SignalFact: Sendable, Equatable {
    /// The store's row id; ids increase in arrival order.
    public var id: Int64
    /// `source:id`, as notices name the signal.
    public var reference: String
    /// The signal type code.
    public var type: String
    /// When it happened, in seconds since the epoch.
    public var occurredAt: Int64
    /// The pseudonymous reporter, for nuisance.
    public var reporter: String?
    /// Arrears amount in cents.
    public var amountCents: Int64?
    /// Arrears days overdue when reported.
    public var daysOverdue: Int64?
    /// A repeated arrears report whose amount did not grow: recorded, but adds nothing new.
    public var isRepeat: Bool

    /// Creates a signal fact.
    public init(id: Int64, reference: String, type: String, occurredAt: Int64, reporter: String? = nil,
                amountCents: Int64? = nil, daysOverdue: Int64? = nil, isRepeat: Bool = false) {
        self.id = id
        self.reference = reference
        self.type = type
        self.occurredAt = occurredAt
        self.reporter = reporter
        self.amountCents = amountCents
        self.daysOverdue = daysOverdue
        self.isRepeat = isRepeat
    }
}
