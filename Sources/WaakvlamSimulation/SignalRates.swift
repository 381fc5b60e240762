/// Monthly chances of signals per household profile: who the household is, whether it is troubled, whether it is in aftercare.
///
/// These are simulation defaults chosen to give realistic proportions (about
/// 1% of households starting an arrears episode a month, observations and
/// care signals concentrated on households from institutions), not facts.
struct SignalRates: Sendable {
    /// Number of household profiles: 4 kinds × troubled × aftercare.
    static let profiles = 16

    /// Cumulative chances of the background events, five per profile.
    private let cumulative: [Double]
    /// Chance per profile that a new arrears episode starts in a month (before recurrences).
    let arrearsStart: [Double]

    /// Kind of household: 0 ordinary, 1 ordinary with support, 2 from youth care, 3 from BW, MO or a clinic.
    static func kind(of household: SyntheticHousehold) -> Int {
        if household.isFromInstitution { return 3 }
        if household.origin == .jeugdzorg { return 2 }
        return household.support == .geen ? 0 : 1
    }

    /// The profile of a household of `kind`.
    static func profile(kind: Int, troubled: Bool, aftercare: Bool) -> Int {
        kind * 4 + (troubled ? 2 : 0) + (aftercare ? 1 : 0)
    }

    /// Whether staff watch a household of `profile` for withdrawal: it came from an institution, is troubled or is in aftercare.
    static func mayWithdraw(profile: Int) -> Bool {
        profile / 4 == 3 || profile % 4 != 0
    }

    init() {
        // Monthly chances per kind: observation, care, safety, contact, one-off nuisance.
        let base: [[Double]] = [
            [0.050, 0.0005, 0.0004, 0.022, 0.0045],
            [0.060, 0.020, 0.0010, 0.040, 0.0055],
            [0.060, 0.015, 0.0015, 0.040, 0.0065],
            [0.080, 0.045, 0.0030, 0.055, 0.0080],
        ]
        let troubledFactor = [2.5, 1.5, 8.0, 2.0, 1.0]
        let aftercareFactor = [1.6, 1.0, 1.5, 1.5, 1.3]
        let arrearsBase = [0.0043, 0.0085, 0.0085, 0.0115]
        var cumulative: [Double] = []
        var arrears: [Double] = []
        for profile in 0..<Self.profiles {
            let kind = profile / 4
            let troubled = profile & 2 != 0
            let aftercare = profile & 1 != 0
            var running = 0.0
            for event in BackgroundEvent.allCases {
                var chance = base[kind][event.rawValue]
                if troubled { chance *= troubledFactor[event.rawValue] }
                if aftercare { chance *= aftercareFactor[event.rawValue] }
                running += chance
                cumulative.append(running)
            }
            arrears.append(arrearsBase[kind] * (troubled ? 2.0 : 1.0) * (aftercare ? 1.5 : 1.0))
        }
        self.cumulative = cumulative
        self.arrearsStart = arrears
    }

    /// The event a uniform `draw` in 0..<1 stands for in `profile`, or nil (most months) for none.
    func event(profile: Int, draw: Double) -> BackgroundEvent? {
        let first = profile * 5
        guard draw < cumulative[first + 4] else { return nil }
        var index = 0
        while cumulative[first + index] <= draw { index += 1 }
        return BackgroundEvent(rawValue: index)
    }
}
