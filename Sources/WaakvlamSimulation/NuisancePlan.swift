/// Where nuisance comes from: hot buildings with troubled households and their reporters, and feuding neighbours.
///
/// About one building in ten is "hot": one or two households there draw
/// repeated complaints from one to four neighbours, so most nuisance signals
/// of a simulation concentrate in a tenth of the buildings, as in practice.
struct NuisancePlan: Sendable {
    /// The troubled households, by building.
    let troubled: [TroubledHousehold]
    /// The feuding pairs.
    let feuds: [FeudPair]
    /// For each building, whether it is hot.
    let isHotBuilding: [Bool]
    /// For each household, whether it is troubled.
    let isTroubled: [Bool]

    /// Share of buildings that are hot.
    static let hotBuildingShare = 0.10
    /// One feud pair per this many households (at least one).
    static let householdsPerFeud = 1_500

    /// The kinds of nuisance a troubled household is mostly reported for.
    static let dominantTypes = WeightedChoice<SyntheticSignalType>([
        .overlastGeluid: 50, .overlastVerward: 20, .overlastDrugs: 15, .overlastAgressie: 10, .overlastVervuiling: 5,
    ])

    init(stock: HousingStock, parameters: SimulationParameters) {
        var random = SeededGenerator(seed: parameters.seed, stream: 1)
        let months = parameters.months
        var hot = [Bool](repeating: false, count: stock.buildings.count)
        var isTroubled = [Bool](repeating: false, count: stock.households.count)
        var troubled: [TroubledHousehold] = []
        for building in Self.hotBuildings(stock: stock, random: &random) {
            hot[building] = true
            let residents = stock.residentsOf[building]
            let count = residents.count >= 10 && random.chance(0.4) ? 2 : 1
            for _ in 0..<count {
                let household = Self.troubledHousehold(in: residents, stock: stock, taken: isTroubled, random: &random)
                isTroubled[household] = true
                let start = max(random.int(in: -3...max(0, months / 2)), stock.period.month(of: stock.movedInDay[household]) + 1)
                let length = random.int(in: max(2, months * 4 / 10)...(months + 3))
                let intensity = 0.6 + 0.8 * random.unit()
                troubled.append(TroubledHousehold(
                    household: household,
                    reporters: Self.neighbours(of: household, in: residents, count: Self.reporterCount(&random), random: &random),
                    dominant: Self.dominantTypes.pick(&random),
                    months: start..<(start + length),
                    monthlyRate: (1.5 + min(10.0, Double(residents.count) / 8.0)) * intensity))
            }
        }
        self.troubled = troubled
        self.isHotBuilding = hot
        self.isTroubled = isTroubled
        self.feuds = Self.feuds(stock: stock, hot: hot, troubled: isTroubled, months: months, random: &random)
    }

    /// About 10% of the buildings with at least four households, four in ten of them placement buildings where possible.
    private static func hotBuildings(stock: HousingStock, random: inout SeededGenerator) -> [Int] {
        let candidates = stock.buildings.indices.filter { stock.residentsOf[$0].count >= 4 }
        let wanted = min(candidates.count, max(1, Int((Double(stock.buildings.count) * hotBuildingShare).rounded())))
        var placement = candidates.filter { stock.isPlacementBuilding[$0] }
        var ordinary = candidates.filter { !stock.isPlacementBuilding[$0] }
        shuffle(&placement, &random)
        shuffle(&ordinary, &random)
        let fromPlacement = min(placement.count, max(wanted * 4 / 10, wanted - ordinary.count))
        return Array(placement.prefix(fromPlacement)) + Array(ordinary.prefix(wanted - fromPlacement))
    }

    /// Prefers a household from an institution (six times in ten, when the building has one).
    private static func troubledHousehold(in residents: Range<Int>, stock: HousingStock, taken: [Bool],
                                          random: inout SeededGenerator) -> Int {
        let free = residents.filter { !taken[$0] }
        let fromInstitution = free.filter { stock.households[$0].isFromInstitution }
        if !fromInstitution.isEmpty, random.chance(0.6) {
            return fromInstitution[random.below(fromInstitution.count)]
        }
        return free[random.below(free.count)]
    }

    private static func reporterCount(_ random: inout SeededGenerator) -> Int {
        let draw = random.below(100)
        return draw < 25 ? 1 : draw < 60 ? 2 : draw < 85 ? 3 : 4
    }

    /// Up to `count` distinct households living within six dwellings of `household`.
    static func neighbours(of household: Int, in residents: Range<Int>, count: Int, random: inout SeededGenerator) -> [Int] {
        var nearby = Array(max(residents.lowerBound, household - 6)..<min(residents.upperBound, household + 7))
        nearby.removeAll { $0 == household }
        let wanted = min(count, nearby.count)
        for position in 0..<wanted {
            nearby.swapAt(position, position + random.below(nearby.count - position))
        }
        return Array(nearby.prefix(wanted))
    }

    private static func feuds(stock: HousingStock, hot: [Bool], troubled: [Bool], months: Int,
                              random: inout SeededGenerator) -> [FeudPair] {
        let households = stock.households.count
        guard households >= 20 else { return [] }
        let candidates = stock.buildings.indices.filter { !hot[$0] && stock.residentsOf[$0].count >= 2 }
        guard !candidates.isEmpty else { return [] }
        var busy = troubled
        var pairs: [FeudPair] = []
        for _ in 0..<max(1, households / householdsPerFeud) {
            for _ in 0..<20 {
                let residents = stock.residentsOf[candidates[random.below(candidates.count)]]
                let first = residents.lowerBound + random.below(residents.count - 1)
                let second = first + 1
                guard !busy[first], !busy[second] else { continue }
                busy[first] = true
                busy[second] = true
                let moved = stock.period.month(of: max(stock.movedInDay[first], stock.movedInDay[second])) + 1
                let start = max(random.int(in: -2...max(0, months - 3)), moved)
                let (one, other) = random.chance(0.5) ? (first, second) : (second, first)
                pairs.append(FeudPair(first: one, second: other, months: start..<(start + random.int(in: 3...max(3, months / 2 + 2)))))
                break
            }
        }
        return pairs
    }

    private static func shuffle(_ values: inout [Int], _ random: inout SeededGenerator) {
        guard values.count > 1 else { return }
        for position in 0..<(values.count - 1) {
            values.swapAt(position, position + random.below(values.count - position))
        }
    }
}
