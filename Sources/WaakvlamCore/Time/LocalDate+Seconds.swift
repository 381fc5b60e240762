extension LocalDate {
    /// The day that `seconds` after midnight, 1 January 1970 (in whatever reckoning the caller
    /// counts, UTC or local) falls on, and the second within that day; floor division, so
    /// moments before 1970 fall on the right day too.
    public static func dayAndSecond(of seconds: Int64) -> (date: LocalDate, second: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (LocalDate(daysSinceEpoch: days), seconds - days * 86_400)
    }

    /// A second of the day as hours, minutes and seconds, two digits each, joined by `separator`.
    public static func clockTime(_ second: Int64, separator: String = ":") -> String {
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return [second / 3_600, second % 3_600 / 60, second % 60].map(two).joined(separator: separator)
    }
}
