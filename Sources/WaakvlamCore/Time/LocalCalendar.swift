import Foundation
import Synchronization

/// Turns local dates into instants in the configured time zone (`Europe/Amsterdam`).
///
/// Feeds write most dates without a time; the daemon stores instants. Each
/// distinct date is converted once, because asking the time-zone database for
/// every row of a million-row feed would dominate ingest.
public struct LocalCalendar: Sendable {
    /// The zone local dates are read in.
    public let timeZone: TimeZone
    private let dayStarts = DayStartCache()

    /// Creates a calendar for the zone named `identifier`; nil when the zone is unknown.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.timeZone = zone
    }

    /// Seconds since the epoch of local midnight at the start of `date`.
    public func startOfDay(_ date: LocalDate) -> Int64 {
        dayStarts.value(for: date.daysSinceEpoch) { computeStartOfDay(date) }
    }

    private func computeStartOfDay(_ date: LocalDate) -> Int64 {
        let utcMidnight = date.daysSinceEpoch * 86_400
        // On almost every day the offset at UTC midnight is also the offset at
        // local midnight and just before it. Not so in zones far from UTC or
        // whose clocks change near midnight (Auckland, Sydney, Jerusalem,
        // Santiago...): there, look for the first instant of the date.
        let offset = offsetSeconds(at: utcMidnight)
        let guess = utcMidnight - offset
        if offsetSeconds(at: guess) == offset, offsetSeconds(at: guess - 1) == offset { return guess }
        // Local dates only move forward: bisect between an instant surely on an
        // earlier date and one surely on this date or later (offsets lie within -12h...+14h).
        var earlier = utcMidnight - 26 * 3_600, later = utcMidnight + 26 * 3_600
        while later - earlier > 1 {
            let middle = earlier + (later - earlier) / 2
            if localDate(of: middle) < date { earlier = middle } else { later = middle }
        }
        return later
    }

    private func offsetSeconds(at seconds: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    /// The local date on which the instant `seconds` falls.
    public func localDate(of seconds: Int64) -> LocalDate {
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return LocalDate.dayAndSecond(of: seconds + Int64(offset)).date
    }

    /// The instant a moment stands for.
    public func instant(of moment: Moment) -> Int64 {
        switch moment {
        case .date(let date): startOfDay(date)
        case .instant(let seconds): seconds
        }
    }
}

/// Day starts already computed: a feed names the same few hundred dates a million times.
private final class DayStartCache: Sendable {
    private let starts = Mutex<[Int64: Int64]>([:])

    func value(for day: Int64, compute: () -> Int64) -> Int64 {
        if let known = starts.withLock({ $0[day] }) { return known }
        let value = compute()
        starts.withLock { starts in
            if starts.count >= 100_000 { starts.removeAll(keepingCapacity: true) }
            starts[day] = value
        }
        return value
    }
}
