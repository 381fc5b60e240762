import WaakvlamCore

/// One simulated signal: a row of `signals.csv`.
public struct SyntheticSignal: Sendable, Hashable {
    /// The sending system.
    public var source: SyntheticSource
    /// The signal's number within its source, from 1 in time order; ``id`` writes it.
    public var sequence: Int
    /// The signal type.
    public var type: SyntheticSignalType
    /// The local date it occurred on.
    public var date: LocalDate
    /// The time of day, for the few signals that carry one; nil for a date-only `occurred_at`.
    public var time: SyntheticTimeOfDay?
    /// The household reference, nil for a building-only signal.
    public var resident: String?
    /// The building reference, when the source knows it.
    public var building: String?
    /// The dwelling reference, when the source gives it.
    public var unit: String?
    /// The pseudonymous reporter of a nuisance complaint, e.g. `R-H000123`.
    public var reporter: String?
    /// The arrears amount in euro cents.
    public var amountCents: Int?
    /// Days the arrears are overdue.
    public var daysOverdue: Int?
    /// A short, non-identifying note.
    public var note: String?

    /// Creates a signal.
    public init(source: SyntheticSource, sequence: Int, type: SyntheticSignalType, date: LocalDate, time: SyntheticTimeOfDay? = nil,
                resident: String?, building: String?, unit: String? = nil, reporter: String? = nil,
                amountCents: Int? = nil, daysOverdue: Int? = nil, note: String? = nil) {
        self.source = source
        self.sequence = sequence
        self.type = type
        self.date = date
        self.time = time
        self.resident = resident
        self.building = building
        self.unit = unit
        self.reporter = reporter
        self.amountCents = amountCents
        self.daysOverdue = daysOverdue
        self.note = note
    }

    /// The id as the source writes it, e.g. `S00000001`.
    public var id: String {
        var bytes = ByteBuffer()
        bytes.appendSignalID(sequence)
        return bytes.string
    }

    /// `occurred_at` as the feed writes it: `2026-03-04` or `2026-03-04T21:15:00+01:00`.
    public var occurredAt: String {
        var bytes = ByteBuffer()
        bytes.appendMoment(date, time)
        return bytes.string
    }

    /// The amount in euros with two decimals, e.g. `612.40`.
    public var amount: String? {
        guard let amountCents else { return nil }
        var bytes = ByteBuffer()
        bytes.appendCents(amountCents)
        return bytes.string
    }
}
