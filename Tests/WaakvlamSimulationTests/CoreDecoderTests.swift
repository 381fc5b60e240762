import Testing
import WaakvlamCore
import WaakvlamSimulation

/// Every record written is one the core's feed decoder accepts as the right kind.
@Suite struct CoreDecoderTests {
    let fixture = SimulationFixture.standard

    var decoder: FeedRecordDecoder {
        let types = Dictionary(uniqueKeysWithValues: SyntheticSignalType.allCases.map {
            ($0.code, SignalType(code: $0.code, family: $0.family, domain: "test", weight: 1, halfLife: .days(30)))
        })
        let rules = RuleSet(signalTypes: types, domains: ["test"],
                            arrears: ArrearsPolicy(repeatWindow: .days(90), closedBy: ["positief.achterstand_voldaan"]))
        let now = (fixture.parameters.end.daysSinceEpoch + 1) * 86_400
        return FeedRecordDecoder(rules: rules, calendar: LocalCalendar(identifier: "Europe/Amsterdam")!, now: now)
    }

    static func values(_ record: [String: String]) -> FieldValues {
        var values = FieldValues()
        for (name, value) in record { values[FeedField(name: name)!] = value }
        return values
    }

    @Test func everyRecordDecodesAsItsKind() {
        // Given the core decoder with the product's signal types
        let decoder = decoder
        // When every written record is decoded
        // Then buildings, registry records and signals come out as such, none refused
        for record in fixture.buildings {
            guard case .success(.building) = decoder.decode(Self.values(record)) else { Issue.record("building \(record)"); continue }
        }
        for record in fixture.registry {
            guard case .success(.registry) = decoder.decode(Self.values(record)) else { Issue.record("registry \(record)"); continue }
        }
        for record in fixture.signals {
            guard case .success(.signal) = decoder.decode(Self.values(record)) else { Issue.record("signal \(record)"); continue }
        }
    }
}
