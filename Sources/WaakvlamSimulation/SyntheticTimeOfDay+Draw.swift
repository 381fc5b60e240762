import WaakvlamCore

extension SyntheticTimeOfDay {
    /// Hours nuisance is typically reported for: evenings and nights, some afternoons.
    private static let eveningHours = [14, 16, 17, 18, 19, 20, 21, 22, 22, 23, 23, 0, 0, 1, 2, 3]

    /// An evening or night time on `date`, as nuisance and police reports carry.
    static func evening(on date: LocalDate, _ random: inout SeededGenerator) -> SyntheticTimeOfDay {
        amsterdam(on: date, hour: eveningHours[random.below(eveningHours.count)], minute: random.below(60))
    }

    /// An office-hours time on `date`, as staff record observations and contacts.
    static func office(on date: LocalDate, _ random: inout SeededGenerator) -> SyntheticTimeOfDay {
        amsterdam(on: date, hour: random.int(in: 8...17), minute: random.below(60))
    }
}
