import WaakvlamCore

extension HousingStock {
    /// A signal about `household` on `day`, with the building and (by `unitChance`) the dwelling when `source` knows them.
    func signal(_ type: SyntheticSignalType, from source: SyntheticSource, about household: Int, on day: Int64,
                unitChance: Double, _ random: inout SeededGenerator) -> SyntheticSignal {
        let record = households[household]
        let knows = source.knowsDwelling
        return SyntheticSignal(
            source: source, sequence: 0, type: type, date: LocalDate(daysSinceEpoch: day),
            resident: record.resident, building: knows ? record.building : nil,
            unit: knows && random.chance(unitChance) ? record.unit : nil)
    }

    /// A building-only signal: about a stairwell, the rubbish, common areas; no household.
    func signal(_ type: SyntheticSignalType, from source: SyntheticSource, aboutBuilding building: Int, on day: Int64) -> SyntheticSignal {
        SyntheticSignal(source: source, sequence: 0, type: type, date: LocalDate(daysSinceEpoch: day),
                        resident: nil, building: buildings[building].ref)
    }

    /// A uniform day of `range` on which `household` already lived here, or nil when it moved in later.
    func day(in range: Range<Int64>, for household: Int, _ random: inout SeededGenerator) -> Int64? {
        let first = max(range.lowerBound, movedInDay[household])
        guard first < range.upperBound else { return nil }
        return first + Int64(random.below(Int(range.upperBound - first)))
    }
}
