/// When and in which language the daily digest is written.
public struct DigestSettings: Sendable, Equatable {
    /// Local time of day, in minutes after midnight, at which the day's digests are written.
    public var minuteOfDay: Int
    /// `nl` or `en`.
    public var language: String

    /// The shipped defaults: 07:00, Dutch (its readers are Dutch outreach workers).
    public static let defaults = DigestSettings(minuteOfDay: 7 * 60, language: "nl")

    /// Creates digest settings.
    public init(minuteOfDay: Int, language: String) {
        self.minuteOfDay = minuteOfDay
        self.language = language
    }
}
