/// Runs arrears episodes month by month: starts, monthly repeat reports, closings and relapses.
///
/// Shape, after the national covenant on early signalling: about 1% of
/// households start an episode a month; reports go out from 30 days overdue
/// and repeat monthly, mostly with the same or a grown amount; about 40% of
/// episodes follow an earlier one of the household within six months; about
/// 11% of starts come with a second arrears type the same month; most
/// episodes end with a payment plan or with the arrears paid.
struct ArrearsSimulator {
    private var active: [ArrearsEpisode] = []
    private var scheduled: [ArrearsEvent] = []
    private var openTypes: [UInt8]

    /// Chance that a finished episode is followed by another within six months.
    static let relapseChance = 0.5
    /// Chance that a start comes with a second arrears type in the same month.
    static let secondTypeChance = 0.13

    private static let startTypes = WeightedChoice<SyntheticSignalType>([
        .achterstandHuur: 50, .achterstandEnergie: 22, .achterstandZorgverzekering: 16, .achterstandWater: 12,
    ])
    private static let closings = WeightedChoice<SyntheticSignalType?>([
        .positiefBetalingsregeling: 45, .positiefAchterstandVoldaan: 30, nil: 25,
    ])

    init(households: Int) {
        openTypes = [UInt8](repeating: 0, count: households)
    }

    /// Simulates the month `batch` is gathering, for households whose monthly start chance is `startChance(household)`.
    mutating func step(stock: HousingStock, startChance: (Int) -> Double, random: inout SeededGenerator, batch: inout MonthBatch) {
        let range = batch.range
        let length = Int(range.upperBound - range.lowerBound)
        let due = scheduled.filter { $0.day < range.upperBound }
        scheduled.removeAll { $0.day < range.upperBound }
        for event in due {
            switch event {
            case .start(let household, let type, let day):
                startCase(household, type, on: day, within: range, random: &random)
            case .closing(let household, let type, let source, let day):
                emitClosing(household, type, source, on: day, stock: stock, random: &random, batch: &batch)
            }
        }
        for household in stock.households.indices where stock.movedInDay[household] < range.lowerBound - 45 {
            guard random.unit() < startChance(household) else { continue }
            startCase(household, Self.startTypes.pick(&random), on: range.lowerBound + Int64(random.below(length)),
                      within: range, random: &random)
        }
        report(stock: stock, random: &random, batch: &batch)
    }

    /// Starts an episode of `type`, sometimes with one of a second type later the same month.
    private mutating func startCase(_ household: Int, _ type: SyntheticSignalType, on day: Int64, within range: Range<Int64>,
                                    random: inout SeededGenerator) {
        start(household, type, on: day, random: &random)
        guard random.chance(Self.secondTypeChance) else { return }
        var second = Self.startTypes.pick(&random)
        while second == type { second = Self.startTypes.pick(&random) }
        start(household, second, on: day + Int64(random.below(Int(range.upperBound - day))), random: &random)
    }

    private mutating func report(stock: HousingStock, random: inout SeededGenerator, batch: inout MonthBatch) {
        let upper = batch.range.upperBound
        var index = 0
        while index < active.count {
            var episode = active[index]
            var finished = false
            while episode.nextReport < upper {
                var signal = stock.signal(episode.type, from: episode.type.arrearsSource, about: episode.household,
                                          on: episode.nextReport, unitChance: 1, &random)
                signal.amountCents = episode.amountCents
                signal.daysOverdue = episode.daysOverdue
                if random.chance(0.08) { signal.note = SignalNotes.pick(for: episode.type, &random) }
                batch.add(signal, on: episode.nextReport)
                episode.reportsLeft -= 1
                if episode.reportsLeft == 0 {
                    finish(episode, stock: stock, random: &random, batch: &batch)
                    finished = true
                    break
                }
                episode.advance(&random)
            }
            if finished {
                active.swapAt(index, active.count - 1)
                active.removeLast()
            } else {
                active[index] = episode
                index += 1
            }
        }
    }

    private mutating func start(_ household: Int, _ type: SyntheticSignalType, on day: Int64, random: inout SeededGenerator) {
        guard openTypes[household] & type.arrearsBit == 0 else { return }
        openTypes[household] |= type.arrearsBit
        let monthly = random.int(in: type.monthlyChargeCents)
        let overdue = random.int(in: type.firstReportOverdue)
        var reports = 1
        while reports < 8, random.chance(0.6) { reports += 1 }
        active.append(ArrearsEpisode(
            household: household, type: type, nextReport: day, daysOverdue: overdue,
            amountCents: monthly * overdue / 30 + random.below(monthly / 4 + 1), monthlyCents: monthly,
            reportsLeft: reports, closing: Self.closings.pick(&random)))
    }

    private mutating func finish(_ episode: ArrearsEpisode, stock: HousingStock, random: inout SeededGenerator, batch: inout MonthBatch) {
        openTypes[episode.household] &= ~episode.type.arrearsBit
        let last = episode.nextReport
        if let closing = episode.closing {
            let day = last + Int64(random.int(in: 3...25))
            if day < batch.range.upperBound {
                emitClosing(episode.household, closing, episode.type.arrearsSource, on: day, stock: stock, random: &random, batch: &batch)
            } else {
                scheduled.append(.closing(household: episode.household, type: closing, source: episode.type.arrearsSource, day: day))
            }
        }
        if random.chance(Self.relapseChance) {
            let type = random.chance(0.65) ? episode.type : Self.startTypes.pick(&random)
            scheduled.append(.start(household: episode.household, type: type, day: last + Int64(random.int(in: 45...150))))
        }
    }

    private func emitClosing(_ household: Int, _ type: SyntheticSignalType, _ source: SyntheticSource, on day: Int64,
                             stock: HousingStock, random: inout SeededGenerator, batch: inout MonthBatch) {
        var signal = stock.signal(type, from: source, about: household, on: day, unitChance: 1, &random)
        if random.chance(0.2) { signal.note = SignalNotes.pick(for: type, &random) }
        batch.add(signal, on: day)
    }
}
