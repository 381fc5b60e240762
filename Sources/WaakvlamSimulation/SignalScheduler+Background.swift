extension SignalScheduler {
    private static let observationTypes = WeightedChoice<SyntheticSignalType>([
        .waarnemingSchade: 32, .waarnemingVerwaarlozing: 24, .waarnemingPost: 13, .waarnemingDeurDicht: 13,
        .waarnemingGordijnenDicht: 13, .waarnemingHennep: 2,
    ])
    /// What staff see at households that withdraw: closed curtains, an unopened door, mail piling up.
    private static let withdrawalTypes = WeightedChoice<SyntheticSignalType>([
        .waarnemingVerwaarlozing: 30, .waarnemingDeurDicht: 20, .waarnemingGordijnenDicht: 20, .waarnemingPost: 18,
        .waarnemingSchade: 10, .waarnemingHennep: 2,
    ])
    private static let careTypes = WeightedChoice<SyntheticSignalType>([
        .zorgNietBinnengelaten: 35, .zorgGeweigerd: 25, .zorgMedicatieGestopt: 22, .zorgGestopt: 18,
    ])
    static let nuisanceTypes = WeightedChoice<SyntheticSignalType>([
        .overlastGeluid: 45, .overlastVerward: 18, .overlastVervuiling: 15, .overlastDrugs: 12, .overlastAgressie: 10,
    ])

    func observation(_ household: Int, _ day: Int64, _ random: inout SeededGenerator) -> SyntheticSignal {
        let withdrawing = SignalRates.mayWithdraw(profile: profiles[household])
        let type = (withdrawing ? Self.withdrawalTypes : Self.observationTypes).pick(&random)
        var signal = stock.signal(type, from: random.chance(0.75) ? .wijkbeheer : .woonstadCRM, about: household,
                                  on: day, unitChance: 0.8, &random)
        if random.chance(0.3) { signal.note = SignalNotes.pick(for: signal.type, &random) }
        if random.chance(0.02) { signal.time = .office(on: signal.date, &random) }
        return signal
    }

    func care(_ household: Int, _ day: Int64, _ random: inout SeededGenerator) -> SyntheticSignal {
        var signal = stock.signal(Self.careTypes.pick(&random), from: .zorgportaal, about: household, on: day,
                                  unitChance: 0, &random)
        if random.chance(0.2) { signal.note = SignalNotes.pick(for: signal.type, &random) }
        return signal
    }

    func safety(_ household: Int, _ day: Int64, _ random: inout SeededGenerator) -> SyntheticSignal {
        let type: SyntheticSignalType = random.chance(0.8) ? .veiligheidPolitie : .veiligheidCalamiteit
        var signal = stock.signal(type, from: .woonstadCRM, about: household, on: day, unitChance: 0.5, &random)
        if random.chance(0.4) { signal.note = SignalNotes.pick(for: signal.type, &random) }
        if random.chance(0.4) { signal.time = .evening(on: signal.date, &random) }
        return signal
    }

    func contact(_ household: Int, _ day: Int64, _ random: inout SeededGenerator) -> SyntheticSignal {
        let draw = random.below(100)
        let source: SyntheticSource = draw < 55 ? .woonstadCRM : draw < 80 ? .zorgportaal : .wijkbeheer
        var signal = stock.signal(.positiefContact, from: source, about: household, on: day, unitChance: 0.3, &random)
        if random.chance(0.2) { signal.note = SignalNotes.pick(for: signal.type, &random) }
        if random.chance(0.01) { signal.time = .office(on: signal.date, &random) }
        return signal
    }

    /// A complaint from a random neighbour in the building (one in five anonymous).
    func oneOffNuisance(_ household: Int, _ day: Int64, _ random: inout SeededGenerator) -> SyntheticSignal {
        let residents = stock.residentsOf[stock.households[household].buildingIndex]
        var reporter: Int?
        if residents.count > 1, random.chance(0.8) {
            let other = residents.lowerBound + random.below(residents.count - 1)
            reporter = other >= household ? other + 1 : other
        }
        return nuisance(Self.nuisanceTypes.pick(&random), about: household, by: reporter, on: day, &random)
    }

    /// A nuisance complaint about `household` by `reporter` (nil, or a reporter who had not moved in yet: anonymous).
    func nuisance(_ type: SyntheticSignalType, about household: Int, by reporter: Int?, on day: Int64, feud: Bool = false,
                  _ random: inout SeededGenerator) -> SyntheticSignal {
        var signal = stock.signal(type, from: .woonstadCRM, about: household, on: day, unitChance: 0.7, &random)
        if let reporter, stock.movedInDay[reporter] <= day { signal.reporter = stock.reporterRefs[reporter] }
        if random.chance(0.25) { signal.note = feud ? SignalNotes.pickFeud(&random) : SignalNotes.pick(for: type, &random) }
        if random.chance(0.15) { signal.time = .evening(on: signal.date, &random) }
        return signal
    }
}
