import Testing
import WaakvlamCore
import WaakvlamSimulation

/// Who lives where: vacancies, origins, children, support.
@Suite struct RegistryShapeTests {
    let fixture = SimulationFixture.standard

    @Test func everyHouseholdHasItsOwnDwellingAndSomeStandEmpty() {
        // Given the buildings' dwellings and the households
        let units = fixture.buildings.reduce(0) { $0 + Int($1["units"]!)! }
        let perBuilding = Dictionary(grouping: fixture.registry, by: { $0["building"]! }).mapValues(\.count)
        // Then there are more dwellings than households, no building over-full, no dwelling shared
        #expect(units > fixture.registry.count)
        for building in fixture.buildings {
            #expect(perBuilding[building["building"]!, default: 0] <= Int(building["units"]!)!)
        }
        #expect(Set(fixture.registry.map { $0["unit"]! }).count == fixture.registry.count)
    }

    @Test func originsHaveTheExpectedShares() {
        // Given the origins
        let counts = Dictionary(grouping: fixture.registry, by: { $0["origin"]! }).mapValues { Double($0.count) }
        let total = Double(fixture.registry.count)
        // Then about 4% come from BW, 3% MO, 1% clinic, 1% youth care
        #expect(abs(counts["bw", default: 0] / total - 0.04) < 0.015)
        #expect(abs(counts["mo", default: 0] / total - 0.03) < 0.012)
        #expect(abs(counts["kliniek", default: 0] / total - 0.01) < 0.006)
        #expect(abs(counts["jeugdzorg", default: 0] / total - 0.01) < 0.006)
    }

    @Test func someBuildingsHouseAThirdOrMoreFromInstitutions() {
        // Given the share from BW, MO or a clinic per building
        let shares = Dictionary(grouping: fixture.registry, by: { $0["building"]! }).mapValues { rows in
            Double(rows.filter { ["bw", "mo", "kliniek"].contains($0["origin"]!) }.count) / Double(rows.count)
        }
        // Then a few buildings reach a third, and most buildings stay far below
        let concentrated = shares.values.filter { $0 >= 1.0 / 3.0 }.count
        #expect(concentrated >= 3)
        #expect(concentrated <= fixture.buildings.count / 4)
    }

    @Test func aboutThirtyPercentHaveMinors() {
        // Given the households with minors
        let withMinors = fixture.registry.filter { $0["minors"] != "0" }
        // Then about 30% have 1 to 3
        #expect(abs(Double(withMinors.count) / Double(fixture.registry.count) - 0.3) < 0.04)
        #expect(withMinors.allSatisfy { (1...3).contains(Int($0["minors"]!)!) })
    }

    @Test func mostFromInstitutionsHaveSupportAndSomeSupportEndsInThePeriod() {
        // Given households from institutions
        let institutional = fixture.registry.filter { ["bw", "mo", "kliniek"].contains($0["origin"]!) }
        // Then most are supported, mostly ambulant
        let supported = institutional.filter { $0["support"] != "geen" }
        #expect(Double(supported.count) > 0.7 * Double(institutional.count))
        #expect(institutional.filter { $0["support"] == "ambulant" }.count > institutional.count / 2)
        // and for some the support ends within the period, so aftercare starts
        let start = fixture.parameters.start.description
        let end = fixture.parameters.end.description
        let ending = fixture.registry.compactMap { $0["support_until"] }.filter { $0 >= start && $0 <= end }
        #expect(ending.count >= 20)
        #expect(fixture.registry.allSatisfy { $0["moved_in"]! <= end })
    }

    @Test func buildingsHaveNeighbourhoodsAndMadeUpNames() {
        // Then every building has a neighbourhood code and a complex name
        for building in fixture.buildings {
            #expect(building["neighbourhood"]!.wholeMatch(of: /NB[0-9]{2,}/) != nil)
            #expect(building["name"]!.hasPrefix("Complex "))
        }
        #expect(Set(fixture.buildings.map { $0["neighbourhood"]! }).count >= 5)
    }
}
