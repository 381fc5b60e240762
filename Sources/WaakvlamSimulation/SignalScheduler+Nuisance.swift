extension SignalScheduler {
    /// Complaints about the troubled households of hot buildings, mostly of their dominant kind.
    func troubledNuisance(month: Int, random: inout SeededGenerator, batch: inout MonthBatch) {
        let range = batch.range
        for troubled in plan.troubled where troubled.months.contains(month) {
            // One active month in five is quiet.
            let rate = troubled.monthlyRate * (random.chance(0.2) ? 0.3 : 1)
            for _ in 0..<Self.count(expected: rate, &random) {
                guard let day = stock.day(in: range, for: troubled.household, &random) else { break }
                let type = random.chance(0.65) ? troubled.dominant : Self.nuisanceTypes.pick(&random)
                let signal = nuisance(type, about: troubled.household, by: Self.reporter(of: troubled, &random), on: day, &random)
                batch.add(signal, on: day)
            }
        }
    }

    /// Two neighbours complaining about each other, the first a little more often.
    func feuds(month: Int, random: inout SeededGenerator, batch: inout MonthBatch) {
        let range = batch.range
        for feud in plan.feuds where feud.months.contains(month) {
            for (reporter, about, expected) in [(feud.first, feud.second, 1.2), (feud.second, feud.first, 0.9)] {
                for _ in 0..<Self.count(expected: expected, &random) {
                    guard let day = stock.day(in: range, for: about, &random) else { continue }
                    let signal = nuisance(Self.feudTypes.pick(&random), about: about, by: reporter, on: day, feud: true, &random)
                    batch.add(signal, on: day)
                }
            }
        }
    }

    private static let feudTypes = WeightedChoice<SyntheticSignalType>([
        .overlastGeluid: 60, .overlastAgressie: 20, .overlastVervuiling: 20,
    ])

    /// The most active reporter half of the time, another one otherwise, and an anonymous complaint one time in ten.
    private static func reporter(of troubled: TroubledHousehold, _ random: inout SeededGenerator) -> Int? {
        if troubled.reporters.isEmpty || random.chance(0.1) { return nil }
        if troubled.reporters.count == 1 || random.chance(0.5) { return troubled.reporters[0] }
        return troubled.reporters[1 + random.below(troubled.reporters.count - 1)]
    }

    /// A binomial count with mean `expected`: about twice as many trials as expected, each with a chance near one half.
    static func count(expected: Double, _ random: inout SeededGenerator) -> Int {
        let trials = max(1, Int((expected * 2).rounded(.up)))
        let chance = expected / Double(trials)
        var count = 0
        for _ in 0..<trials where random.chance(chance) { count += 1 }
        return count
    }
}
