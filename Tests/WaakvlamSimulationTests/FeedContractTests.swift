import Foundation
import Testing
import WaakvlamCore
import WaakvlamSimulation

/// The feed files keep the contract of docs/contract.md.
@Suite struct FeedContractTests {
    let fixture = SimulationFixture.standard

    /// The codes docs/contract.md requires the shipped rules to define.
    static let productCodes: Set<String> = [
        "overlast.geluid", "overlast.agressie", "overlast.vervuiling", "overlast.drugs", "overlast.verward",
        "achterstand.huur", "achterstand.energie", "achterstand.water", "achterstand.zorgverzekering",
        "waarneming.verwaarlozing", "waarneming.deur_dicht", "waarneming.gordijnen_dicht", "waarneming.post",
        "waarneming.hennep", "waarneming.schade",
        "zorg.gestopt", "zorg.geweigerd", "zorg.niet_binnengelaten", "zorg.medicatie_gestopt",
        "veiligheid.politie", "veiligheid.calamiteit",
        "positief.contact", "positief.betalingsregeling", "positief.achterstand_voldaan",
    ]

    @Test func headersAreTheContractColumns() {
        // Given the written files
        let heads = fixture.texts.map { $0.prefix { $0 != "\n" } }
        // Then their headers are the contract's
        #expect(heads == [
            "building,units,neighbourhood,name",
            "resident,building,unit,neighbourhood,minors,origin,moved_in,moved_out,support,support_until",
            "source,id,type,occurred_at,resident,building,unit,reporter,amount,days_overdue,note",
        ])
    }

    @Test func everyTypeIsAProductCodeAndEveryCodeOccurs() {
        // Given the signals
        let types = Set(fixture.signals.map { $0["type"]! })
        // Then each type is a docs/contract.md code, and the simulation uses all of them
        #expect(types.isSubset(of: Self.productCodes))
        #expect(types == Self.productCodes)
        #expect(Set(SyntheticSignalType.allCases.map(\.code)) == Self.productCodes)
    }

    @Test func everySignalLiesInThePeriodInDateOrder() {
        // Given the period's first and last day
        let start = fixture.parameters.start.description
        let end = fixture.parameters.end.description
        // When the signals' local dates are read
        let dates = fixture.signals.map { String($0["occurred_at"]!.prefix(10)) }
        // Then none lies outside the period, and they come in date order
        #expect(dates.allSatisfy { $0 >= start && $0 <= end })
        #expect(dates == dates.sorted())
        #expect(dates.first == start)
    }

    @Test func referencesResolve() throws {
        // Given the buildings and the registry
        let buildings = Set(fixture.buildings.map { $0["building"]! })
        let registry = Dictionary(uniqueKeysWithValues: fixture.registry.map { ($0["resident"]!, $0) })
        // Then every registry building is a listed building
        #expect(fixture.registry.allSatisfy { buildings.contains($0["building"]!) })
        for signal in fixture.signals {
            // and every signal names a known household or building, consistently
            if let resident = signal["resident"] {
                let record = try #require(registry[resident])
                if let building = signal["building"] { #expect(building == record["building"]) }
                if let unit = signal["unit"] { #expect(unit == record["unit"]) }
            } else {
                #expect(buildings.contains(signal["building"] ?? ""))
            }
            if let reporter = signal["reporter"] {
                #expect(reporter.hasPrefix("R-"))
                #expect(registry[String(reporter.dropFirst(2))] != nil)
                #expect(String(reporter.dropFirst(2)) != signal["resident"])
            }
        }
    }

    @Test func nothingHappensBeforeAHouseholdMovedIn() {
        // Given when each household moved in
        let movedIn = Dictionary(uniqueKeysWithValues: fixture.registry.map { ($0["resident"]!, $0["moved_in"]!) })
        // Then no signal about it, and no complaint by it, is dated earlier
        for signal in fixture.signals {
            let date = String(signal["occurred_at"]!.prefix(10))
            if let resident = signal["resident"] { #expect(movedIn[resident]! <= date) }
            if let reporter = signal["reporter"] { #expect(movedIn[String(reporter.dropFirst(2))]! <= date) }
        }
    }

    @Test func idsAreUniqueWithinTheirSource() {
        // Given the (source, id) pairs
        let keys = fixture.signals.map { $0["source"]! + ":" + $0["id"]! }
        // Then none repeats, and the sources are the few systems
        #expect(Set(keys).count == keys.count)
        #expect(Set(fixture.signals.map { $0["source"]! }) == Set(SyntheticSource.allCases.map(\.name)))
    }

    @Test func fieldsBelongToTheirFamily() {
        for signal in fixture.signals {
            let type = signal["type"]!
            // Reporters only on nuisance, amounts and days overdue only (and always) on arrears
            if signal["reporter"] != nil { #expect(type.hasPrefix("overlast.")) }
            #expect((signal["amount"] != nil) == type.hasPrefix("achterstand."))
            #expect((signal["days_overdue"] != nil) == type.hasPrefix("achterstand."))
            #expect((signal["note"]?.count ?? 0) <= 280)
        }
        // and building-only signals exist
        #expect(fixture.signals.contains { $0["resident"] == nil && $0["building"] != nil })
    }

    @Test func timesCarryTheAmsterdamOffsetOfTheirDay() throws {
        // Given the signals with a time of day
        let timed = fixture.signals.compactMap { $0["occurred_at"] }.filter { $0.count > 10 }
        let zone = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        // Then there are a few, each parses, and its offset is the one Amsterdam had then
        #expect(timed.count > 20 && timed.count < fixture.signals.count / 10)
        for text in timed {
            guard case .instant(let seconds) = try #require(Moment(parsing: text)) else { Issue.record("\(text)"); continue }
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(text.hasSuffix(offset == 3_600 ? "+01:00" : "+02:00"), "\(text)")
        }
    }

    @Test func amsterdamOffsetsMatchTheTimeZoneDatabaseForAdecade() throws {
        // Given every day of 2020-2030 at every hour
        let zone = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        var day = LocalDate(year: 2020, month: 1, day: 1)!.daysSinceEpoch
        let last = LocalDate(year: 2030, month: 12, day: 31)!.daysSinceEpoch
        while day <= last {
            for hour in 0..<24 {
                // When the simulation's rule gives the offset
                let time = SyntheticTimeOfDay.amsterdam(on: LocalDate(daysSinceEpoch: day), hour: hour, minute: 30)
                // Then the instant it stands for has that offset in the time-zone database
                let instant = day * 86_400 + Int64(time.hour * 3_600 + 1_800 - time.utcOffsetHours * 3_600)
                #expect(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))) == time.utcOffsetHours * 3_600)
            }
            day += 1
        }
    }

    @Test func summaryCountsTheRowsWritten() {
        // Then the summary matches the files
        #expect(fixture.summary.buildings == fixture.buildings.count)
        #expect(fixture.summary.households == fixture.registry.count)
        #expect(fixture.summary.signals.total == fixture.signals.count)
        #expect(fixture.summary.signals.byFamily.values.reduce(0, +) == fixture.signals.count)
        #expect(fixture.registry.count == fixture.parameters.residents)
        #expect(fixture.buildings.count == fixture.parameters.buildings)
    }
}
