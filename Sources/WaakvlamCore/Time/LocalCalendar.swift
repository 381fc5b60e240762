import Foundation

/// Turns local dates into instants in the configured time zone (`Europe/Amsterdam`).
///
/// Feeds write most dates without a time; the daemon stores instants. Each
/// distinct date is converted once, because asking the time-zone database for
/// every row of a million-row feed would dominate ingest.
public struct LocalCalendar: Sendable {
    /// The zone local dates are read in.
    public let timeZone: TimeZone

    /// Creates a calendar for the zone named `identifier`; nil when the zone is unknown.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.timeZone = zone
    }

    /// Seconds since the epoch of local midnight at the start of `date`.
    public func startOfDay(_ date: LocalDate) -> Int64 {
        let utcMidnight = date.daysSinceEpoch * 86_400
        // The offset at UTC midnight is the offset at local midnight on every day
        // except the two transition days, whose change happens at 01:00 or later UTC.
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcMidnight)))
        return utcMidnight - Int64(offset)
    }

    /// The local date on which the instant `seconds` falls.
    public func localDate(of seconds: Int64) -> LocalDate {
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let local = seconds + Int64(offset)
        return LocalDate(daysSinceEpoch: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }

    /// The instant a moment stands for.
    public func instant(of moment: Moment) -> Int64 {
        switch moment {
        case .date(let date): startOfDay(date)
        case .instant(let seconds): seconds
        }
    }
}
