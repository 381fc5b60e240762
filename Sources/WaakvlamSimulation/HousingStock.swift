import WaakvlamCore

/// The simulated buildings and the households living in them, with the facts signal generation needs.
struct HousingStock: Sendable {
    /// The buildings, in reference order.
    let buildings: [SyntheticBuilding]
    /// The registry: households ordered by building and unit.
    let households: [SyntheticHousehold]
    /// For each building, the indices of its households in `households`.
    let residentsOf: [Range<Int>]
    /// For each building, whether it is one where many households from BW, MO or a clinic were placed.
    let isPlacementBuilding: [Bool]
    /// For each household, the day it moved in (days since 1970-01-01).
    let movedInDay: [Int64]
    /// For each household, the day its support ends, or `Int64.max` when it has no end date.
    let supportUntilDay: [Int64]
    /// For each household, the pseudonym it reports nuisance under, e.g. `R-H000001`.
    let reporterRefs: [String]
    /// The simulated period.
    let period: SimulatedPeriod

    /// Share of dwellings left empty, so every household has one and some stand vacant.
    static let vacancyPercent = 6
    /// Share of buildings where the corporation concentrated placements from institutions.
    static let placementBuildingPercent = 12
    /// Share of households from BW, MO or a clinic in a placement building.
    static let placementShare = 0.42
    /// Share of households from BW, MO or a clinic overall (4% + 3% + 1%).
    static let institutionShare = 0.08

    init(parameters: SimulationParameters, period: SimulatedPeriod) {
        self.period = period
        var random = SeededGenerator(seed: parameters.seed, stream: 0)
        let units = Self.unitCounts(buildings: parameters.buildings, residents: parameters.residents, random: &random)
        let buildingWidth = max(4, String(parameters.buildings).count)
        let neighbourhoods = max(1, (parameters.buildings + 5) / 10)
        let neighbourhoodWidth = max(2, String(neighbourhoods).count)
        buildings = units.indices.map { index in
            SyntheticBuilding(
                ref: Self.reference("B", index + 1, width: buildingWidth), units: units[index],
                neighbourhood: Self.reference("NB", index * neighbourhoods / units.count + 1, width: neighbourhoodWidth),
                name: BuildingNames.name(for: index))
        }
        isPlacementBuilding = Self.placementBuildings(units: units, random: &random)

        var planner = HouseholdPlanner(parameters: parameters, period: period, buildings: buildings,
                                       isPlacementBuilding: isPlacementBuilding, random: random)
        planner.occupy()
        households = planner.households
        residentsOf = planner.residentsOf
        movedInDay = planner.movedInDay
        supportUntilDay = planner.supportUntilDay
        reporterRefs = households.map { "R-" + $0.resident }
    }

    /// `prefix` and `number` zero-padded to `width` digits: `B0001`.
    static func reference(_ prefix: String, _ number: Int, width: Int) -> String {
        var bytes = ByteBuffer()
        bytes.append(prefix)
        bytes.appendPadded(number, width: width)
        return bytes.string
    }

    /// Dwellings per building: a mix of small blocks, gallery flats and a few high-rises, scaled to the households.
    private static func unitCounts(buildings: Int, residents: Int, random: inout SeededGenerator) -> [Int] {
        let target = residents + max(1, residents * vacancyPercent / 100)
        let weights = (0..<buildings).map { _ -> Int in
            let kind = random.below(100)
            return kind < 40 ? random.int(in: 8...24) : kind < 85 ? random.int(in: 25...70) : random.int(in: 71...180)
        }
        let sum = weights.reduce(0, +)
        var units = weights.map { max(1, $0 * target / sum) }
        var missing = target - units.reduce(0, +)
        var index = 0
        while missing > 0 {
            units[index % buildings] += 1
            missing -= 1
            index += 1
        }
        return units
    }

    /// A random 12% of the buildings with at least six dwellings (at least one building).
    private static func placementBuildings(units: [Int], random: inout SeededGenerator) -> [Bool] {
        var candidates = units.indices.filter { units[$0] >= 6 }
        if candidates.isEmpty { candidates = Array(units.indices) }
        let wanted = min(candidates.count, max(1, units.count * placementBuildingPercent / 100))
        var flags = [Bool](repeating: false, count: units.count)
        for position in 0..<wanted {
            candidates.swapAt(position, position + random.below(candidates.count - position))
            flags[candidates[position]] = true
        }
        return flags
    }
}
