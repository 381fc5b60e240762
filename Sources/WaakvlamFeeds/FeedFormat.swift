/// The two shapes a feed file can have, with the same field names.
public enum FeedFormat: String, Sendable, CaseIterable {
    /// CSV with a header row.
    case csv
    /// One JSON object per line.
    case jsonLines = "jsonl"

    /// The format a file name says, or nil when its extension says nothing.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".csv") { self = .csv }
        else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { self = .jsonLines }
        else { return nil }
    }

    /// The format of a feed whose first line is `firstLine` (BOM already removed).
    static func sniff(_ firstLine: ArraySlice<UInt8>) -> FeedFormat {
        let first = firstLine.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        return first == UInt8(ascii: "{") ? .jsonLines : .csv
    }
}
