import Testing
import WaakvlamCore
import WaakvlamSimulation

/// Nuisance clusters, feuds exist, care signals follow the households that came from institutions.
@Suite struct SignalShapeTests {
    let fixture = SimulationFixture.standard

    var nuisance: [[String: String]] { fixture.signals.filter { $0["type"]!.hasPrefix("overlast.") } }

    @Test func nuisanceConcentratesInATenthOfTheBuildings() {
        // Given nuisance complaints per building
        let buildingOf = Dictionary(uniqueKeysWithValues: fixture.registry.map { ($0["resident"]!, $0["building"]!) })
        var perBuilding: [String: Int] = [:]
        for signal in nuisance {
            perBuilding[signal["building"] ?? buildingOf[signal["resident"]!]!, default: 0] += 1
        }
        // When the tenth of buildings with most complaints is taken
        let top = perBuilding.values.sorted(by: >).prefix(fixture.buildings.count / 10).reduce(0, +)
        // Then it holds most of them
        #expect(Double(top) > 0.5 * Double(nuisance.count), "\(top) of \(nuisance.count)")
    }

    @Test func troubledHouseholdsHaveOneToFourReporters() {
        // Given households with at least ten complaints
        let byResident = Dictionary(grouping: nuisance, by: { $0["resident"] ?? "" })
        let repeated = byResident.filter { $0.key != "" && $0.value.count >= 10 }
        // Then there are some, and their complaints come from one to four distinct neighbours (a feud adds one)
        #expect(repeated.count >= 5)
        for (_, complaints) in repeated {
            let reporters = Set(complaints.compactMap { $0["reporter"] })
            #expect((1...5).contains(reporters.count))
        }
    }

    @Test func feudPairsReportEachOther() {
        // Given who reported whom
        let pairs = Set(nuisance.compactMap { signal -> String? in
            guard let reporter = signal["reporter"], let resident = signal["resident"] else { return nil }
            return String(reporter.dropFirst(2)) + ">" + resident
        })
        // When a pair reports in both directions
        let mutual = pairs.filter { pair in
            let parts = pair.split(separator: ">")
            return pairs.contains(parts[1] + ">" + parts[0])
        }
        // Then there are feuds
        #expect(mutual.count >= 2)
        #expect(fixture.neighbourhood.feudPairCount >= 2)
    }

    @Test func careSignalsMostlyConcernHouseholdsFromInstitutions() {
        // Given care signals and the households' origins
        let origin = Dictionary(uniqueKeysWithValues: fixture.registry.map { ($0["resident"]!, $0["origin"]!) })
        let care = fixture.signals.filter { $0["type"]!.hasPrefix("zorg.") }
        // Then most concern households from BW, MO or a clinic
        let institutional = care.filter { ["bw", "mo", "kliniek"].contains(origin[$0["resident"]!]!) }
        #expect(Double(institutional.count) > 0.5 * Double(care.count))
    }

    @Test func safetySignalsAreRare() {
        // Given the families
        let families = fixture.summary.signals.byFamily
        // Then safety is the rarest family, and every family occurs
        #expect(families.count == SignalFamily.allCases.count)
        #expect(families[.safety] == families.values.min())
    }

    @Test func volumeIsAFewSignalsPerHouseholdAYear() {
        // Given the signals of a year
        let perHouseholdYear = Double(fixture.signals.count) / Double(fixture.registry.count)
        // Then each household has one to three a year on average
        #expect(perHouseholdYear > 1 && perHouseholdYear < 3, "\(perHouseholdYear)")
    }
}
