/// Which days count as holidays besides weekends; the defaults are the Dutch national public holidays most collective agreements give off.
public struct HolidayRules: Sendable, Equatable {
    /// Whether Goede Vrijdag is a day off: by default not, because few collective agreements give it.
    public var goodFriday: Bool
    /// In which years Bevrijdingsdag (5 May) is a day off.
    public var liberationDay: LiberationDay
    /// Local extra closing days, such as a municipality's own; weekends among them change nothing.
    public var extraDates: [LocalDate]

    /// Creates rules; the defaults are those of `dutch`.
    public init(goodFriday: Bool = false, liberationDay: LiberationDay = .everyFiveYears, extraDates: [LocalDate] = []) {
        self.goodFriday = goodFriday
        self.liberationDay = liberationDay
        self.extraDates = extraDates
    }

    /// The Dutch national public holidays as most collective agreements give them off.
    public static let dutch = HolidayRules()

    /// In which years Bevrijdingsdag is a day off.
    public enum LiberationDay: String, Sendable, CaseIterable {
        /// Only in lustrum years (2025, 2030, …), as most collective agreements have it.
        case everyFiveYears = "every_five_years"
        /// Every year.
        case always
        /// Never.
        case never

        /// Whether 5 May of `year` is a day off under this rule.
        func isDayOff(in year: Int) -> Bool {
            switch self {
            case .everyFiveYears: year % 5 == 0
            case .always: true
            case .never: false
            }
        }
    }
}
