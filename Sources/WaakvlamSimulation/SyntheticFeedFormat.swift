/// The file format of synthetic feeds: CSV with a header row, or JSON Lines.
public enum SyntheticFeedFormat: String, Sendable, CaseIterable {
    /// CSV (RFC 4180 quoting) with a header row.
    case csv
    /// One JSON object per line; absent values are omitted.
    case jsonl

    /// The file name extension, without the dot.
    public var fileExtension: String { rawValue }
}
