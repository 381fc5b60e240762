import WaakvlamCore

extension SyntheticHousehold {
    /// The columns of `registry.csv`, in order.
    static let feedColumns: [FeedField] = [.resident, .building, .unit, .neighbourhood, .minors, .origin, .movedIn, .movedOut, .support, .supportUntil]

    /// Writes the registry record as one row.
    func encode<Encoder: FeedRowEncoder>(_ encoder: inout Encoder, into buffer: inout ByteBuffer) {
        encoder.begin(into: &buffer)
        encoder.text(resident, into: &buffer)
        encoder.text(building, into: &buffer)
        encoder.text(unit, into: &buffer)
        encoder.text(neighbourhood, into: &buffer)
        encoder.integer(minors, into: &buffer)
        encoder.text(origin.rawValue, into: &buffer)
        encoder.date(movedIn, into: &buffer)
        encoder.date(movedOut, into: &buffer)
        encoder.text(support.rawValue, into: &buffer)
        encoder.date(supportUntil, into: &buffer)
        encoder.end(into: &buffer)
    }
}
