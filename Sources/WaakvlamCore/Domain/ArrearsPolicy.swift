/// When is an arrears report a repeat of an episode already known?
///
/// The national covenant on early signalling calls a report of the same
/// arrears whose amount has not grown a *herhaalde melding*: it is recorded,
/// but it is not a new case. A grown amount is news.
public struct ArrearsPolicy: Sendable, Equatable {
    /// Reports of the same type for the same household this close together belong to one episode.
    public var repeatWindow: TimeSpan
    /// Signal types that close an episode (e.g. `positief.achterstand_voldaan`).
    public var closedBy: Set<String>

    /// Creates an arrears policy.
    public init(repeatWindow: TimeSpan, closedBy: Set<String>) {
        self.repeatWindow = repeatWindow
        self.closedBy = closedBy
    }

    /// The previous report of the same type and household, as far as the decision needs it.
    public struct PreviousReport: Sendable, Equatable {
        /// When the earlier report occurred (seconds since the epoch).
        public var occurredAt: Int64
        /// Its amount in cents, when it had one.
        public var amountCents: Int64?
        /// Whether a closing signal arrived between that report and the new one.
        public var closedSince: Bool

        /// Creates the facts about an earlier report.
        public init(occurredAt: Int64, amountCents: Int64?, closedSince: Bool) {
            self.occurredAt = occurredAt
            self.amountCents = amountCents
            self.closedSince = closedSince
        }
    }

    /// Whether a report at `occurredAt` with `amountCents` repeats `previous`.
    ///
    /// A report is a repeat when an earlier report of the same episode exists
    /// (within the window, not closed since) and the amount did not grow. A
    /// report without an amount after one with an amount says nothing new either.
    public func isRepeat(occurredAt: Int64, amountCents: Int64?, previous: PreviousReport?) -> Bool {
        guard let previous, !previous.closedSince else { return false }
        guard occurredAt - previous.occurredAt <= repeatWindow.seconds else { return false }
        switch (amountCents, previous.amountCents) {
        case let (now?, before?): return now <= before
        case (nil, _): return true
        case (_?, nil): return false
        }
    }
}
