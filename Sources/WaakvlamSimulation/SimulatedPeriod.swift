import WaakvlamCore

/// The simulated days, split into month buckets, as days since 1970-01-01.
struct SimulatedPeriod: Sendable {
    /// The first day of the period.
    let startDay: Int64
    /// The last day of the period (the parameters' `end`).
    let endDay: Int64
    /// Number of month buckets in the period.
    let months: Int
    /// Months simulated before the period so that episodes already run when it starts.
    static let warmUpMonths = 6

    init(_ parameters: SimulationParameters) {
        endDay = parameters.end.daysSinceEpoch
        startDay = endDay - Int64(parameters.periodDays) + 1
        months = parameters.months
    }

    /// Number of days in the period.
    var days: Int64 { endDay - startDay + 1 }

    /// The days of month `month`: 0 is the first month of the period, negative months warm up before it.
    ///
    /// Months of the period partition it exactly; warm-up months are 30 days each.
    func bucket(_ month: Int) -> Range<Int64> {
        if month < 0 {
            return (startDay + Int64(month) * 30)..<(startDay + Int64(month + 1) * 30)
        }
        let lower = startDay + Int64(month) * days / Int64(months)
        let upper = startDay + Int64(month + 1) * days / Int64(months)
        return lower..<upper
    }

    /// Whether `day` lies in the period.
    func contains(_ day: Int64) -> Bool { day >= startDay && day <= endDay }
}
