import WaakvlamCore

/// How many signals a simulation produced, in total, per type, per family and per source.
public struct SignalCounts: Sendable, Equatable {
    /// All signals.
    public private(set) var total = 0
    // Counters by position in `allCases`: counting is on the path of every signal, a dictionary would hash each time.
    private var perType = [Int](repeating: 0, count: SyntheticSignalType.allCases.count)
    private var perSource = [Int](repeating: 0, count: SyntheticSource.allCases.count)

    /// Creates empty counts.
    public init() {}

    /// Signals per type; types that did not occur are absent.
    public var byType: [SyntheticSignalType: Int] {
        Self.nonZero(SyntheticSignalType.allCases, perType)
    }

    /// Signals per sending system; systems that sent nothing are absent.
    public var bySource: [SyntheticSource: Int] {
        Self.nonZero(SyntheticSource.allCases, perSource)
    }

    /// Signals per family; families that did not occur are absent.
    public var byFamily: [SignalFamily: Int] {
        byType.reduce(into: [:]) { counts, entry in counts[entry.key.family, default: 0] += entry.value }
    }

    /// Counts one more signal.
    public mutating func record(_ signal: SyntheticSignal) {
        total += 1
        perType[SyntheticSignalType.allCases.firstIndex(of: signal.type)!] += 1
        perSource[signal.source.ordinal] += 1
    }

    private static func nonZero<Key: Hashable>(_ keys: [Key], _ counts: [Int]) -> [Key: Int] {
        var result: [Key: Int] = [:]
        for (key, count) in zip(keys, counts) where count > 0 { result[key] = count }
        return result
    }
}
