import WaakvlamCore

/// How many signals a simulation produced, in total, per type, per family and per source.
public struct SignalCounts: Sendable, Equatable {
    /// All signals.
    public private(set) var total = 0
    /// Signals per type; types that did not occur are absent.
    public private(set) var byType: [SyntheticSignalType: Int] = [:]
    /// Signals per sending system.
    public private(set) var bySource: [SyntheticSource: Int] = [:]

    /// Creates empty counts.
    public init() {}

    /// Signals per family; families that did not occur are absent.
    public var byFamily: [SignalFamily: Int] {
        byType.reduce(into: [:]) { counts, entry in counts[entry.key.family, default: 0] += entry.value }
    }

    /// Counts one more signal.
    public mutating func record(_ signal: SyntheticSignal) {
        total += 1
        byType[signal.type, default: 0] += 1
        bySource[signal.source, default: 0] += 1
    }
}
