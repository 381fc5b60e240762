import WaakvlamCore

/// Puts households into dwellings and draws who they are: origin, children, move-in date, support.
struct HouseholdPlanner {
    private let parameters: SimulationParameters
    private let period: SimulatedPeriod
    private let buildings: [SyntheticBuilding]
    private let isPlacementBuilding: [Bool]
    private var random: SeededGenerator
    private let residentWidth: Int

    /// The households, ordered by building and unit.
    private(set) var households: [SyntheticHousehold] = []
    /// For each building, the indices of its households.
    private(set) var residentsOf: [Range<Int>] = []
    /// For each household, the day it moved in.
    private(set) var movedInDay: [Int64] = []
    /// For each household, the day its support ends, or `Int64.max`.
    private(set) var supportUntilDay: [Int64] = []

    init(parameters: SimulationParameters, period: SimulatedPeriod, buildings: [SyntheticBuilding],
         isPlacementBuilding: [Bool], random: SeededGenerator) {
        self.parameters = parameters
        self.period = period
        self.buildings = buildings
        self.isPlacementBuilding = isPlacementBuilding
        self.random = random
        residentWidth = max(6, String(parameters.residents).count)
        households.reserveCapacity(parameters.residents)
        movedInDay.reserveCapacity(parameters.residents)
        supportUntilDay.reserveCapacity(parameters.residents)
    }

    /// Chooses exactly `residents` of all dwellings (selection sampling, in dwelling order) and fills them.
    mutating func occupy() {
        let totalUnits = buildings.reduce(0) { $0 + $1.units }
        let placementUnits = buildings.indices.reduce(0) { $0 + (isPlacementBuilding[$1] ? buildings[$1].units : 0) }
        let residents = Double(parameters.residents)
        let inPlacement = residents * Double(placementUnits) / Double(totalUnits)
        let elsewhere = residents - inPlacement
        let otherShare = elsewhere > 0
            ? max(0.01, (HousingStock.institutionShare * residents - HousingStock.placementShare * inPlacement) / elsewhere)
            : 0
        var remaining = totalUnits
        var needed = parameters.residents
        for (index, building) in buildings.enumerated() {
            let first = households.count
            let share = isPlacementBuilding[index] ? HousingStock.placementShare : otherShare
            for unit in 1...max(1, building.units) where remaining > 0 {
                if random.below(remaining) < needed {
                    addHousehold(building: index, unit: unit, institutionShare: share)
                    needed -= 1
                }
                remaining -= 1
            }
            residentsOf.append(first..<households.count)
        }
    }

    private mutating func addHousehold(building index: Int, unit: Int, institutionShare: Double) {
        let building = buildings[index]
        let origin = drawOrigin(institutionShare: institutionShare)
        let movedIn = drawMovedIn(origin)
        let support = drawSupport(origin)
        var supportUntil = Int64.max
        if support != .geen, random.chance(0.7) {
            let upper = period.endDay + 540
            let lower = min(upper, max(movedIn + 60, period.startDay - 180))
            supportUntil = lower + Int64(random.below(Int(upper - lower) + 1))
        }
        households.append(SyntheticHousehold(
            resident: HousingStock.reference("H", households.count + 1, width: residentWidth),
            buildingIndex: index, building: building.ref, unit: building.ref + "-" + String(unit),
            neighbourhood: building.neighbourhood, minors: drawMinors(origin), origin: origin,
            movedIn: LocalDate(daysSinceEpoch: movedIn), support: support,
            supportUntil: supportUntil == .max ? nil : LocalDate(daysSinceEpoch: supportUntil)))
        movedInDay.append(movedIn)
        supportUntilDay.append(supportUntil)
    }

    private mutating func drawOrigin(institutionShare: Double) -> Origin {
        let draw = random.unit()
        if draw < institutionShare {
            // Of the 8% from institutions: 4 parts BW, 3 MO, 1 clinic.
            let part = random.below(8)
            return part < 4 ? .bw : part < 7 ? .mo : .kliniek
        }
        return draw < institutionShare + 0.01 ? .jeugdzorg : .regulier
    }

    private mutating func drawMinors(_ origin: Origin) -> Int {
        let share = switch origin {
        case .bw, .mo, .kliniek: 0.10
        case .jeugdzorg: 0.35
        case .regulier: 0.32
        }
        guard random.chance(share) else { return 0 }
        let size = random.below(100)
        return size < 45 ? 1 : size < 80 ? 2 : 3
    }

    /// Recent arrivals from institutions (many within the period), long tenancies for others.
    private mutating func drawMovedIn(_ origin: Origin) -> Int64 {
        let end = period.endDay
        switch origin {
        case .bw, .mo, .kliniek:
            if period.days > 30, random.chance(0.3) {
                return period.startDay + Int64(random.below(Int(period.days) - 14))
            }
            let earliest = min(end - 6 * 365, period.startDay - 365)
            return earliest + Int64(random.below(Int(period.startDay - earliest)))
        case .jeugdzorg:
            return end - Int64(random.below(4 * 365))
        case .regulier:
            // The smaller of two uniform draws: many recent moves, a long tail of old tenancies.
            let span = 35 * 365
            return end - Int64(min(random.below(span), random.below(span)))
        }
    }

    private mutating func drawSupport(_ origin: Origin) -> SupportLevel {
        let draw = random.below(1_000)
        switch origin {
        case .bw, .mo, .kliniek: return draw < 720 ? .ambulant : draw < 850 ? .intensief : .geen
        case .jeugdzorg: return draw < 500 ? .ambulant : .geen
        case .regulier: return draw < 25 ? .ambulant : draw < 28 ? .intensief : .geen
        }
    }
}
