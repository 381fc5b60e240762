extension SimulatedPeriod {
    /// The month bucket `day` falls in; days before the period give negative (30-day warm-up) months.
    func month(of day: Int64) -> Int {
        if day < startDay { return -1 - Int((startDay - day - 1) / 30) }
        let offset = day - startDay
        return Int(((offset + 1) * Int64(months) + days - 1) / days) - 1
    }
}
