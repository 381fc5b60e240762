import WaakvlamCore

/// A deterministic synthetic neighbourhood: buildings, the registry of households, and a stream of signals.
///
/// Everything follows from ``SimulationParameters``: the same parameters give
/// the same buildings, households and signals, on every platform. Buildings
/// and the registry are made when the neighbourhood is created; signals are
/// made on demand, month by month, and handed to a sink in day order, so a
/// long simulation of many households never holds more than a month of them.
public struct SyntheticNeighbourhood: Sendable {
    /// The parameters the neighbourhood was made from.
    public let parameters: SimulationParameters
    private let stock: HousingStock
    private let plan: NuisancePlan

    /// Makes the buildings and the registry; throws ``SimulationError/invalidParameter(_:)`` for unusable parameters.
    public init(_ parameters: SimulationParameters) throws(SimulationError) {
        if let problem = parameters.problem { throw problem }
        self.parameters = parameters
        stock = HousingStock(parameters: parameters, period: SimulatedPeriod(parameters))
        plan = NuisancePlan(stock: stock, parameters: parameters)
    }

    /// The buildings, in reference order (`B0001` first).
    public var buildings: [SyntheticBuilding] { stock.buildings }

    /// The registry: one record per household, ordered by building and dwelling.
    public var households: [SyntheticHousehold] { stock.households }

    /// Number of buildings where nuisance concentrates around one or two troubled households.
    public var hotBuildingCount: Int { plan.isHotBuilding.count(where: { $0 }) }

    /// Number of pairs of neighbours that report each other.
    public var feudPairCount: Int { plan.feuds.count }

    /// Makes every signal of the period and hands each to `sink`, in order of date; returns the counts.
    ///
    /// Ids are numbered per source from `S00000001` in that order. Calling
    /// this again gives the same signals.
    @discardableResult
    public func generateSignals(_ sink: (SyntheticSignal) throws -> Void) rethrows -> SignalCounts {
        var scheduler = SignalScheduler(stock: stock, plan: plan, seed: parameters.seed)
        var batch = MonthBatch(period: stock.period)
        var counts = SignalCounts()
        for month in -SimulatedPeriod.warmUpMonths..<parameters.months {
            batch.begin(stock.period.bucket(month))
            scheduler.run(month: month, into: &batch)
            try batch.drain(counts: &counts, into: sink)
        }
        return counts
    }

    /// All signals of the period in one array: convenient for small simulations and tests.
    public func signals() -> [SyntheticSignal] {
        var signals: [SyntheticSignal] = []
        generateSignals { signals.append($0) }
        return signals
    }
}
