/// Makes the signals of each month: arrears, background events per household, support endings,
/// planned nuisance, and building-only signals.
///
/// Every month draws from its own random stream, so the output is fixed by
/// the parameters alone; months must be run in order, warm-up months first.
struct SignalScheduler {
    let stock: HousingStock
    let plan: NuisancePlan
    private let seed: UInt64
    private let rates = SignalRates()
    /// Per household: its kind and troubled flag as a profile without aftercare.
    private let baseProfiles: [Int]
    /// Households whose support ends within the period, by day.
    private let supportEndings: [(day: Int64, household: Int)]
    private var nextEnding = 0
    private var arrears: ArrearsSimulator
    /// Per household: its profile in the month being made (see ``SignalRates``).
    private(set) var profiles: [Int]

    /// How long after support ends a household counts as in aftercare for the simulated rates.
    static let aftercareDays: Int64 = 365

    init(stock: HousingStock, plan: NuisancePlan, seed: UInt64) {
        self.stock = stock
        self.plan = plan
        self.seed = seed
        baseProfiles = stock.households.indices.map {
            SignalRates.profile(kind: SignalRates.kind(of: stock.households[$0]), troubled: plan.isTroubled[$0], aftercare: false)
        }
        profiles = baseProfiles
        supportEndings = stock.supportUntilDay.indices
            .filter { stock.period.contains(stock.supportUntilDay[$0]) }
            .map { (day: stock.supportUntilDay[$0], household: $0) }
            .sorted { ($0.day, $0.household) < ($1.day, $1.household) }
        arrears = ArrearsSimulator(households: stock.households.count)
    }

    /// Adds the signals of `month` (negative: warm-up, arrears only) to `batch`, which must be gathering that month.
    mutating func run(month: Int, into batch: inout MonthBatch) {
        var random = SeededGenerator(seed: seed, stream: UInt64(100 + SimulatedPeriod.warmUpMonths + month))
        updateProfiles(at: batch.range.lowerBound)
        let profiles = self.profiles
        let starts = rates.arrearsStart
        arrears.step(stock: stock, startChance: { starts[profiles[$0]] }, random: &random, batch: &batch)
        guard month >= 0 else { return }
        background(random: &random, batch: &batch)
        supportEnds(random: &random, batch: &batch)
        troubledNuisance(month: month, random: &random, batch: &batch)
        feuds(month: month, random: &random, batch: &batch)
        buildingSignals(random: &random, batch: &batch)
    }

    /// Marks households whose support ended less than a year before `day` as in aftercare.
    private mutating func updateProfiles(at day: Int64) {
        for household in profiles.indices {
            let ended = stock.supportUntilDay[household]
            let aftercare = ended <= day && day - ended <= Self.aftercareDays
            profiles[household] = baseProfiles[household] | (aftercare ? 1 : 0)
        }
    }

    private func background(random: inout SeededGenerator, batch: inout MonthBatch) {
        let range = batch.range
        for household in stock.households.indices where stock.movedInDay[household] < range.upperBound {
            guard let event = rates.event(profile: profiles[household], draw: random.unit()),
                  let day = stock.day(in: range, for: household, &random) else { continue }
            let signal = switch event {
            case .observation: observation(household, day, &random)
            case .care: care(household, day, &random)
            case .safety: safety(household, day, &random)
            case .contact: contact(household, day, &random)
            case .nuisance: oneOffNuisance(household, day, &random)
            }
            batch.add(signal, on: day)
        }
    }

    /// Some support endings are reported by the care provider on or just after the day.
    private mutating func supportEnds(random: inout SeededGenerator, batch: inout MonthBatch) {
        let range = batch.range
        while nextEnding < supportEndings.count, supportEndings[nextEnding].day < range.upperBound {
            let (ended, household) = supportEndings[nextEnding]
            nextEnding += 1
            guard random.chance(0.45) else { continue }
            let day = min(range.upperBound - 1, ended + Int64(random.below(8)))
            var signal = stock.signal(.zorgGestopt, from: .zorgportaal, about: household, on: day, unitChance: 0, &random)
            if random.chance(0.5) { signal.note = "indicatie afgelopen, nazorg afgesproken" }
            batch.add(signal, on: day)
        }
    }

    private func buildingSignals(random: inout SeededGenerator, batch: inout MonthBatch) {
        let range = batch.range
        let length = Int(range.upperBound - range.lowerBound)
        for building in stock.buildings.indices where random.chance(plan.isHotBuilding[building] ? 0.08 : 0.025) {
            let day = range.lowerBound + Int64(random.below(length))
            var signal = stock.signal(Self.buildingTypes.pick(&random), from: .wijkbeheer, aboutBuilding: building, on: day)
            if random.chance(0.6) { signal.note = SignalNotes.pickBuilding(for: signal.type, &random) }
            batch.add(signal, on: day)
        }
    }

    private static let buildingTypes = WeightedChoice<SyntheticSignalType>([
        .waarnemingVerwaarlozing: 45, .overlastVervuiling: 35, .waarnemingSchade: 20,
    ])
}
