/// Which arrears reports are closed: a closing signal (e.g. arrears paid) closes the arrears
/// that the same source reported before it. A corporation's "paid" says nothing about the
/// energy company's arrears, and feeds carry no link between the two reports.
struct ArrearsClosings: Sendable {
    /// The latest closing moment per source.
    private let latestBySource: [Substring: Int64]

    init(signals: [SignalFact], closers: Set<String>) {
        var latest: [Substring: Int64] = [:]
        for signal in signals where closers.contains(signal.type) {
            latest[Self.source(of: signal), default: .min] = max(latest[Self.source(of: signal)] ?? .min, signal.occurredAt)
        }
        latestBySource = latest
    }

    /// Whether `signal` was reported before a closing signal from its source.
    func isClosed(_ signal: SignalFact) -> Bool {
        guard !latestBySource.isEmpty, let closedAt = latestBySource[Self.source(of: signal)] else { return false }
        return signal.occurredAt < closedAt
    }

    /// The source part of `source:id` (source names are references without ':').
    private static func source(of signal: SignalFact) -> Substring {
        signal.reference.prefix { $0 != ":" }
    }
}
