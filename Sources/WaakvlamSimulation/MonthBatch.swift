import WaakvlamCore

/// The signals of one month, gathered per day, then handed on in day order with their ids.
///
/// Only a month is ever held, so a simulation of any length streams in
/// bounded memory. Within a day, signals keep the order they were made in,
/// which the generator keeps deterministic.
struct MonthBatch {
    private let period: SimulatedPeriod
    private var lower: Int64 = 0
    private var upper: Int64 = 0
    private var days: [[SyntheticSignal]] = []
    private var sequences = [Int](repeating: 0, count: SyntheticSource.allCases.count)

    init(period: SimulatedPeriod) {
        self.period = period
    }

    /// The days of the month being gathered.
    var range: Range<Int64> { lower..<upper }

    /// Starts gathering the days of `range`, which must follow the previous month.
    mutating func begin(_ range: Range<Int64>) {
        lower = range.lowerBound
        upper = range.upperBound
        let count = Int(upper - lower)
        while days.count < count { days.append([]) }
    }

    /// Adds `signal` on `day`; days outside the period (warm-up, after `end`) are dropped.
    mutating func add(_ signal: SyntheticSignal, on day: Int64) {
        precondition(day >= lower && day < upper, "a signal must fall in the month being gathered")
        guard period.contains(day) else { return }
        days[Int(day - lower)].append(signal)
    }

    /// Numbers the month's signals per source and hands them to `sink` in day order, then empties the batch.
    mutating func drain(counts: inout SignalCounts, into sink: (SyntheticSignal) throws -> Void) rethrows {
        for index in 0..<Int(upper - lower) where !days[index].isEmpty {
            for var signal in days[index] {
                let source = signal.source.ordinal
                sequences[source] += 1
                signal.sequence = sequences[source]
                counts.record(signal)
                try sink(signal)
            }
            days[index].removeAll(keepingCapacity: true)
        }
    }
}
