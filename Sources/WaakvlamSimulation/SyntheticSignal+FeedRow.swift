import WaakvlamCore

extension SyntheticSignal {
    /// The columns of `signals.csv`, in order.
    static let feedColumns: [FeedField] = [.source, .id, .type, .occurredAt, .resident, .building, .unit, .reporter, .amount, .daysOverdue, .note]

    /// Writes the signal as one row.
    func encode<Encoder: FeedRowEncoder>(_ encoder: inout Encoder, into buffer: inout ByteBuffer) {
        encoder.begin(into: &buffer)
        encoder.text(source.rawValue, into: &buffer)
        encoder.plain(true, into: &buffer) { $0.appendSignalID(sequence) }
        encoder.text(type.rawValue, into: &buffer)
        encoder.plain(true, into: &buffer) { $0.appendMoment(date, time) }
        encoder.text(resident, into: &buffer)
        encoder.text(building, into: &buffer)
        encoder.text(unit, into: &buffer)
        encoder.text(reporter, into: &buffer)
        encoder.cents(amountCents, into: &buffer)
        encoder.integer(daysOverdue, into: &buffer)
        encoder.text(note, into: &buffer)
        encoder.end(into: &buffer)
    }
}
