import WaakvlamCore

extension SyntheticBuilding {
    /// The columns of `buildings.csv`, in order.
    static let feedColumns: [FeedField] = [.building, .units, .neighbourhood, .name]

    /// Writes the building as one row.
    func encode<Encoder: FeedRowEncoder>(_ encoder: inout Encoder, into buffer: inout ByteBuffer) {
        encoder.begin(into: &buffer)
        encoder.text(ref, into: &buffer)
        encoder.integer(units, into: &buffer)
        encoder.text(neighbourhood, into: &buffer)
        encoder.text(name, into: &buffer)
        encoder.end(into: &buffer)
    }
}
