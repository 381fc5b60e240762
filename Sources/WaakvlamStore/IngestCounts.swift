/// What became of the records of one ingest: the figures `ingest` prints.
public struct IngestCounts: Sendable, Equatable, Codable {
    /// New records stored (signals, registry changes, building changes).
    public var accepted = 0
    /// Records already stored before: same (`source`,`id`), or registry facts unchanged.
    public var duplicates = 0
    /// Accepted arrears reports that repeat a known episode without a grown amount.
    public var repeats = 0
    /// Records refused, each with a line and a reason.
    public var rejected = 0

    /// No records yet.
    public init() {}

    /// Creates counts.
    public init(accepted: Int, duplicates: Int, repeats: Int, rejected: Int) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.repeats = repeats
        self.rejected = rejected
    }

    /// Adds `other` to these counts.
    public mutating func add(_ other: IngestCounts) {
        accepted += other.accepted
        duplicates += other.duplicates
        repeats += other.repeats
        rejected += other.rejected
    }
}
