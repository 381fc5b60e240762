extension SyntheticSource {
    /// Position in `allCases`, for per-source counters.
    var ordinal: Int {
        switch self {
        case .woonstadCRM: 0
        case .incasso: 1
        case .vroegsignalering: 2
        case .zorgportaal: 3
        case .wijkbeheer: 4
        }
    }

    /// Whether the system knows the building (and dwelling) of a household: the corporation's own systems do.
    var knowsDwelling: Bool {
        switch self {
        case .woonstadCRM, .incasso, .wijkbeheer: true
        case .vroegsignalering, .zorgportaal: false
        }
    }
}
