import Foundation

/// How long something is kept, written in configuration as `18 months`, `2 years`, `90 days`
/// or a duration such as `90d` or `2w`.
///
/// Months and years are calendar months in the configured zone: 6 months after
/// 2026-05-01T00:00 local is 2026-11-01T00:00 local, whatever the clock changes between.
public enum RetentionPeriod: Sendable, Hashable, CustomStringConvertible {
    /// Whole calendar months (a year is 12).
    case months(Int)
    /// A fixed length of time.
    case span(TimeSpan)

    /// Parses `18 months`, `1 month`, `2 years`, `90 days`, `3 weeks` or a ``TimeSpan`` (`540d`);
    /// nil for anything else, zero or more than 100 years.
    public init?(parsing text: String) {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        if words.count == 2, words[0].count <= 4, words[0].allSatisfy(\.isASCIIDigit), let value = Int(words[0]), value > 0 {
            switch words[1] {
            case "month", "months": self = .months(value)
            case "year", "years": self = .months(value * 12)
            case "week", "weeks": self = .span(TimeSpan(seconds: Int64(value) * 604_800))
            case "day", "days": self = .span(.days(Int64(value)))
            default: return nil
            }
        } else if words.count == 1, let span = TimeSpan(parsing: String(words[0])), span.seconds > 0 {
            self = .span(span)
        } else {
            return nil
        }
        switch self {
        case .months(let months): if months > 1_200 { return nil }
        case .span(let span): if span.seconds > 100 * 366 * 86_400 { return nil }
        }
    }

    /// The instant this period before `moment`, counting calendar months in `timeZone`.
    public func before(_ moment: Int64, in timeZone: TimeZone) -> Int64 {
        switch self {
        case .span(let span):
            return moment - span.seconds
        case .months(let months):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let date = Date(timeIntervalSince1970: TimeInterval(moment))
            guard let earlier = calendar.date(byAdding: .month, value: -months, to: date) else { return moment }
            return Int64(earlier.timeIntervalSince1970.rounded(.down))
        }
    }

    /// The period as configuration writes it.
    public var description: String {
        switch self {
        case .months(let months) where months % 12 == 0: months == 12 ? "1 year" : "\(months / 12) years"
        case .months(let months): months == 1 ? "1 month" : "\(months) months"
        case .span(let span): span.description
        }
    }
}
