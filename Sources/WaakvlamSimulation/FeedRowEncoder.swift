import WaakvlamCore

/// Renders records as rows of one feed format, field by field, straight into bytes.
///
/// A row is `begin`, then one call per column in header order (absent values
/// included, as nil), then `end`.
protocol FeedRowEncoder {
    /// An encoder for rows with these columns.
    init(columns: [FeedField])
    /// What precedes the first row (the CSV header).
    func header(into buffer: inout ByteBuffer)
    /// Starts a row.
    mutating func begin(into buffer: inout ByteBuffer)
    /// A text field, quoted or escaped as the format needs.
    mutating func text(_ value: String?, into buffer: inout ByteBuffer)
    /// A whole number.
    mutating func integer(_ value: Int?, into buffer: inout ByteBuffer)
    /// Euro cents as a decimal number with two decimals.
    mutating func cents(_ value: Int?, into buffer: inout ByteBuffer)
    /// A text field made of plain ASCII that needs no quoting, rendered by `render`.
    mutating func plain(_ present: Bool, into buffer: inout ByteBuffer, _ render: (inout ByteBuffer) -> Void)
    /// Ends the row.
    mutating func end(into buffer: inout ByteBuffer)
}

extension FeedRowEncoder {
    /// A date as `YYYY-MM-DD`.
    mutating func date(_ value: LocalDate?, into buffer: inout ByteBuffer) {
        plain(value != nil, into: &buffer) { $0.appendDate(value!) }
    }
}
