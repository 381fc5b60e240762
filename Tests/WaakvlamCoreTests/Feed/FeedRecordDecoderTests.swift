import Testing
@testable import WaakvlamCore

@Suite("FeedRecordDecoder")
struct FeedRecordDecoderTests {
    static let rules = RuleSet(
        signalTypes: [
            "overlast.geluid": SignalType(code: "overlast.geluid", family: .nuisance, domain: "sociaal", weight: 1, halfLife: .days(30)),
            "achterstand.huur": SignalType(code: "achterstand.huur", family: .arrears, domain: "financien", weight: 2, halfLife: .days(90)),
            "waarneming.schade": SignalType(code: "waarneming.schade", family: .observation, domain: "wonen", weight: 1, halfLife: .days(60)),
        ],
        domains: ["sociaal", "financien", "wonen"],
        arrears: ArrearsPolicy(repeatWindow: .days(90), closedBy: []))
    /// 2026-11-02T13:30:00Z.
    static let now: Int64 = 1_793_626_200
    let decoder = FeedRecordDecoder(rules: rules, calendar: LocalCalendar(identifier: "Europe/Amsterdam")!, now: now)

    // MARK: helpers

    static func values(_ pairs: [String: String]) -> FieldValues {
        var values = FieldValues()
        for (name, value) in pairs {
            guard let field = FeedField(name: name) else { fatalError("not a feed field: \(name)") }
            values[field] = value
        }
        return values
    }

    static let signalFields: [String: String] = [
        "source": "woonstad-crm", "id": "42", "type": "overlast.geluid", "occurred_at": "2026-11-01", "resident": "R-1",
    ]
    static let registryFields: [String: String] = ["resident": "R-1", "building": "B-1"]

    func decode(_ pairs: [String: String]) -> Result<FeedRecord, FeedRecordError> { decoder.decode(Self.values(pairs)) }

    func signal(_ pairs: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws -> SignalRecord {
        let result = decode(pairs)
        guard case .success(.signal(let record)) = result else {
            Issue.record("expected a signal, got \(result)", sourceLocation: sourceLocation)
            throw Failure()
        }
        return record
    }

    func registry(_ pairs: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws -> RegistryRecord {
        let result = decode(pairs)
        guard case .success(.registry(let record)) = result else {
            Issue.record("expected a registry record, got \(result)", sourceLocation: sourceLocation)
            throw Failure()
        }
        return record
    }

    func building(_ pairs: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws -> BuildingRecord {
        let result = decode(pairs)
        guard case .success(.building(let record)) = result else {
            Issue.record("expected a building record, got \(result)", sourceLocation: sourceLocation)
            throw Failure()
        }
        return record
    }

    /// The reason a record is refused; records an issue when it is accepted.
    func reason(_ pairs: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = decode(pairs)
        guard case .failure(let error) = result else {
            Issue.record("expected a refusal, got \(result)", sourceLocation: sourceLocation)
            throw Failure()
        }
        return error.description
    }

    struct Failure: Error {}

    static func with(_ base: [String: String], _ changes: [String: String?]) -> [String: String] {
        var result = base
        for (key, value) in changes { result[key] = value }
        return result
    }

    // MARK: kind recognition

    @Test("a record with 'type' is a signal")
    func recognisesSignal() throws {
        let record = try signal(Self.signalFields)
        #expect(record.type == "overlast.geluid")
    }

    @Test("'resident' and 'building' without 'type' is a registry record")
    func recognisesRegistry() throws {
        let record = try registry(Self.registryFields)
        #expect(record == RegistryRecord(resident: "R-1", building: "B-1"))
    }

    @Test("'building' with 'units' or 'name' and no 'resident' is a building record", arguments: [
        ["building": "B-1", "units": "12"], ["building": "B-1", "name": "De Linde"], ["building": "B-1", "name": "De Linde", "neighbourhood": "BU0363"],
    ])
    func recognisesBuilding(pairs: [String: String]) throws {
        let record = try building(pairs)
        #expect(record.building == "B-1")
    }

    @Test("a record that is none of the three says what each kind needs", arguments: [
        [:], ["building": "B-1"], ["unit": "3"], ["building": "B-1", "unit": "3"], ["origin": "bw"], ["building": "B-1", "neighbourhood": "BU0363"],
    ])
    func unrecognisable(pairs: [String: String]) throws {
        let reason = try reason(pairs)
        #expect(reason.hasPrefix("cannot tell what this record is"))
        #expect(reason.contains("'type'"))
    }

    @Test("a registry record needs 'building'")
    func registryWithoutBuilding() throws {
        let reason = try reason(["resident": "R-1", "unit": "3"])
        #expect(reason.contains("needs 'building'"))
    }

    @Test("a signal field makes a record a signal, so a missing 'type' is named", arguments: ["type"])
    func missingTypeIsNamed(field: String) throws {
        let reason = try reason(Self.with(Self.signalFields, [field: nil]))
        #expect(reason == "missing required field 'type'")
    }

    @Test("a field of another kind is refused and named", arguments: [
        (signalFields, "minors", "2", "field 'minors' does not belong in a signal"),
        (signalFields, "units", "12", "field 'units' does not belong in a signal"),
        (signalFields, "name", "De Linde", "field 'name' does not belong in a signal"),
        (signalFields, "support", "geen", "field 'support' does not belong in a signal"),
        (registryFields, "units", "12", "field 'units' does not belong in a registry record"),
        (registryFields, "name", "x", "field 'name' does not belong in a registry record"),
        (["building": "B-1", "units": "12"], "unit", "3", "field 'unit' does not belong in a building record"),
        (["building": "B-1", "units": "12"], "moved_in", "2026-01-01", "field 'moved_in' does not belong in a building record"),
    ])
    func strayField(base: [String: String], field: String, value: String, expected: String) throws {
        #expect(try reason(Self.with(base, [field: value])) == expected)
    }

    // MARK: signals

    @Test("every signal field is carried over")
    func fullSignal() throws {
        // given
        let pairs = [
            "source": "woonstad-crm", "id": "A-7", "type": "achterstand.huur", "occurred_at": "2026-11-02T14:30:00+01:00",
            "resident": "R-1", "building": "B-1", "unit": "B-1-3", "reporter": "P-9", "amount": "1234.50",
            "days_overdue": "45", "note": "tweede herinnering verstuurd",
        ]
        // when
        let record = try signal(pairs)
        // then
        #expect(record == SignalRecord(
            source: "woonstad-crm", id: "A-7", type: "achterstand.huur", family: .arrears, occurredAt: Self.now, dateOnly: false,
            resident: "R-1", building: "B-1", unit: "B-1-3", reporter: "P-9", amountCents: 123_450, daysOverdue: 45,
            note: "tweede herinnering verstuurd"))
    }

    @Test("a date-only signal happened at local midnight in Amsterdam")
    func dateOnlySignal() throws {
        let record = try signal(Self.with(Self.signalFields, ["occurred_at": "2026-11-01"]))
        #expect(record.dateOnly)
        #expect(record.occurredAt == 1_793_574_000 - 86_400) // 2026-10-31T23:00Z
        #expect(record.family == .nuisance)
    }

    @Test("a date-only signal on the fall-back day starts at 22:00 UTC the day before")
    func dateOnlyOnTransitionDay() throws {
        let record = try signal(Self.with(Self.signalFields, ["occurred_at": "2026-10-25"]))
        #expect(record.occurredAt == 1_792_879_200)
    }

    @Test("a building-only signal needs no resident")
    func buildingOnlySignal() throws {
        let record = try signal(Self.with(Self.signalFields, ["resident": nil, "building": "B-1", "type": "waarneming.schade"]))
        #expect(record.resident == nil)
        #expect(record.building == "B-1")
    }

    @Test("a signal needs a resident or a building")
    func signalWithoutSubject() throws {
        #expect(try reason(Self.with(Self.signalFields, ["resident": nil])) == "a signal needs 'resident' or 'building'")
    }

    @Test("each required signal field is named when missing or empty", arguments: ["source", "id", "type", "occurred_at"])
    func requiredSignalFields(field: String) throws {
        #expect(try reason(Self.with(Self.signalFields, [field: nil])) == "missing required field '\(field)'")
        #expect(try reason(Self.with(Self.signalFields, [field: ""])) == "missing required field '\(field)'")
    }

    @Test("a type rules.yaml does not define is refused and named")
    func unknownType() throws {
        let reason = try reason(Self.with(Self.signalFields, ["type": "overlast.onbekend"]))
        #expect(reason == "unknown signal type 'overlast.onbekend': it is not defined in rules.yaml")
    }

    @Test("an occurred_at that is not ISO 8601 with an offset is refused and named", arguments: [
        "02-11-2026", "2026-11-02T14:30:00", "gisteren", "2026-02-30", "1899-12-31", "2026-11-02T14:30:00+25:00",
    ])
    func badOccurredAt(text: String) throws {
        let reason = try reason(Self.with(Self.signalFields, ["occurred_at": text]))
        #expect(reason.hasPrefix("occurred_at '\(text)' is not an ISO 8601 date"))
        #expect(reason.contains("1900-2199"))
    }

    @Test("a signal may be dated up to one day ahead, not later")
    func futureTolerance() throws {
        let tomorrow = Self.now + FeedRecordDecoder.futureTolerance
        // 2026-11-03T13:30:00Z is exactly one day ahead
        let atLimit = try signal(Self.with(Self.signalFields, ["occurred_at": "2026-11-03T13:30:00Z"]))
        #expect(atLimit.occurredAt == tomorrow)
        let reason = try reason(Self.with(Self.signalFields, ["occurred_at": "2026-11-03T13:30:01Z"]))
        #expect(reason == "occurred_at '2026-11-03T13:30:01Z' lies in the future")
        // a date two days ahead starts (local midnight) more than a day from now
        #expect(try self.reason(Self.with(Self.signalFields, ["occurred_at": "2026-11-05"])).contains("lies in the future"))
    }

    @Test("a note of 280 characters is kept; one more is refused", arguments: ["a", "é", "🔥"])
    func noteLength(character: String) throws {
        let longest = String(repeating: character, count: 280)
        #expect(try signal(Self.with(Self.signalFields, ["note": longest])).note == longest)
        let reason = try reason(Self.with(Self.signalFields, ["note": longest + character]))
        #expect(reason == "note is 281 characters; at most 280 are allowed")
    }

    @Test("references longer than 128 bytes or with control characters are refused and named", arguments: [
        "source", "id", "resident", "building", "unit", "reporter",
    ])
    func referenceLimits(field: String) throws {
        let longest = String(repeating: "x", count: 128)
        #expect(throws: Never.self) { try signal(Self.with(Self.signalFields, [field: longest])) }
        let expected = "\(field) must be at most 128 bytes without control characters"
        #expect(try reason(Self.with(Self.signalFields, [field: longest + "x"])) == expected)
        #expect(try reason(Self.with(Self.signalFields, [field: "R\t1"])) == expected)
        #expect(try reason(Self.with(Self.signalFields, [field: "R\u{7F}1"])) == expected)
        // multi-byte characters count in bytes: 65 × 'é' is 130 bytes
        #expect(try reason(Self.with(Self.signalFields, [field: String(repeating: "é", count: 65)])) == expected)
    }

    @Test("amounts in euros become cents", arguments: [
        ("1234", Int64(123_400)), ("1234.5", 123_450), ("1234.50", 123_450), ("0.05", 5), ("0", 0), ("007.10", 710),
        ("10000000", 1_000_000_000),
    ])
    func amounts(text: String, cents: Int64) throws {
        let record = try signal(Self.with(Self.signalFields, ["type": "achterstand.huur", "amount": text]))
        #expect(record.amountCents == cents)
    }

    @Test("an amount that is not euros with a decimal point is refused and named", arguments: [
        "-5", "+5", "1,50", "1.234,50", "1234.567", "1234.", ".5", "1e3", "€12", "12 ", " 12", "12.5.0", "abc",
        "100000000", "10000001", "10000000.01", "１２",
    ])
    func badAmounts(text: String) throws {
        let reason = try reason(Self.with(Self.signalFields, ["type": "achterstand.huur", "amount": text]))
        #expect(reason.hasPrefix("amount '\(text)' is not a number of euros from 0 to 10000000"))
    }

    @Test("days overdue is a whole number from 0 to 36500", arguments: [("0", 0), ("30", 30), ("36500", 36_500)])
    func daysOverdue(text: String, days: Int) throws {
        #expect(try signal(Self.with(Self.signalFields, ["days_overdue": text])).daysOverdue == days)
    }

    @Test("other days overdue are refused and named", arguments: ["36501", "-1", "1.5", "abc", "1e3", "999999999999", " 30"])
    func badDaysOverdue(text: String) throws {
        let reason = try reason(Self.with(Self.signalFields, ["days_overdue": text]))
        #expect(reason.hasPrefix("days_overdue '"))
        #expect(reason.hasSuffix("is not a whole number from 0 to 36500"))
    }

    @Test("a value repeated in a reason is cut to 40 characters and cleaned of control characters")
    func quotedValues() throws {
        let long = String(repeating: "x", count: 100)
        let reason = try reason(Self.with(Self.signalFields, ["type": long]))
        #expect(reason == "unknown signal type '\(String(repeating: "x", count: 40))…': it is not defined in rules.yaml")
        #expect(try self.reason(Self.with(Self.signalFields, ["type": "a\nb\u{0}c"])) == "unknown signal type 'a?b?c': it is not defined in rules.yaml")
        #expect(FeedRecordDecoder.quoted("kort") == "kort")
        #expect(FeedRecordDecoder.quoted(String(repeating: "é", count: 41)) == String(repeating: "é", count: 40) + "…")
    }

    // MARK: registry

    @Test("every registry field is carried over")
    func fullRegistry() throws {
        let record = try registry([
            "resident": "R-1", "building": "B-1", "unit": "B-1-3", "neighbourhood": "BU0363", "minors": "2", "origin": "bw",
            "moved_in": "2025-04-01", "moved_out": "2026-10-31", "support": "ambulant", "support_until": "2026-12-31",
        ])
        #expect(record == RegistryRecord(
            resident: "R-1", building: "B-1", unit: "B-1-3", neighbourhood: "BU0363", minors: 2, origin: .bw,
            movedIn: LocalDate(year: 2025, month: 4, day: 1), movedOut: LocalDate(year: 2026, month: 10, day: 31),
            support: .ambulant, supportUntil: LocalDate(year: 2026, month: 12, day: 31)))
    }

    @Test("every origin of the contract is accepted", arguments: ["bw", "mo", "kliniek", "jeugdzorg", "regulier"])
    func origins(text: String) throws {
        #expect(try registry(Self.with(Self.registryFields, ["origin": text])).origin?.rawValue == text)
    }

    @Test("an unknown origin is refused with the choices", arguments: ["BW", "opvang", "bw "])
    func badOrigin(text: String) throws {
        #expect(try reason(Self.with(Self.registryFields, ["origin": text])) == "origin '\(text)' is not one of bw, mo, kliniek, jeugdzorg, regulier")
    }

    @Test("an unknown support level is refused with the choices")
    func badSupport() throws {
        #expect(try reason(Self.with(Self.registryFields, ["support": "veel"])) == "support 'veel' is not one of geen, ambulant, intensief")
        #expect(try registry(Self.with(Self.registryFields, ["support": "intensief"])).support == .intensief)
    }

    @Test("minors is a whole number from 0 to 30")
    func minors() throws {
        #expect(try registry(Self.with(Self.registryFields, ["minors": "0"])).minors == 0)
        #expect(try registry(Self.with(Self.registryFields, ["minors": "30"])).minors == 30)
        #expect(try reason(Self.with(Self.registryFields, ["minors": "31"])) == "minors '31' is not a whole number from 0 to 30")
        #expect(try reason(Self.with(Self.registryFields, ["minors": "twee"])) == "minors 'twee' is not a whole number from 0 to 30")
    }

    @Test("each date field is named when it is not a date", arguments: ["moved_in", "moved_out", "support_until"])
    func badDates(field: String) throws {
        #expect(try reason(Self.with(Self.registryFields, [field: "01-04-2025"])) == "\(field) '01-04-2025' is not a date (YYYY-MM-DD, 1900-2199)")
        #expect(try reason(Self.with(Self.registryFields, [field: "2025-04-01T00:00:00Z"])).hasPrefix("\(field) '"))
    }

    @Test("moving out before moving in is refused; the same day is fine")
    func moveOutBeforeMoveIn() throws {
        let reason = try reason(Self.with(Self.registryFields, ["moved_in": "2026-05-01", "moved_out": "2026-04-30"]))
        #expect(reason == "moved_out 2026-04-30 lies before moved_in 2026-05-01")
        #expect(try registry(Self.with(Self.registryFields, ["moved_in": "2026-05-01", "moved_out": "2026-05-01"])).movedOut != nil)
    }

    @Test("the registry references are checked like a signal's", arguments: ["resident", "building", "unit", "neighbourhood"])
    func registryReferences(field: String) throws {
        let reason = try reason(Self.with(Self.registryFields, [field: String(repeating: "x", count: 129)]))
        #expect(reason == "\(field) must be at most 128 bytes without control characters")
    }

    // MARK: buildings

    @Test("every building field is carried over")
    func fullBuilding() throws {
        let record = try building(["building": "B-1", "units": "48", "neighbourhood": "BU0363", "name": "De Linde"])
        #expect(record == BuildingRecord(building: "B-1", units: 48, neighbourhood: "BU0363", name: "De Linde"))
    }

    @Test("a building name is at most 200 characters without control characters")
    func buildingName() throws {
        let longest = String(repeating: "ë", count: 200)
        #expect(try building(["building": "B-1", "name": longest]).name == longest)
        let expected = "name must be at most 200 characters without control characters"
        #expect(try reason(["building": "B-1", "name": longest + "x"]) == expected)
        #expect(try reason(["building": "B-1", "name": "De\nLinde"]) == expected)
    }

    @Test("units is a whole number from 0 to 100000")
    func units() throws {
        #expect(try building(["building": "B-1", "units": "100000"]).units == 100_000)
        #expect(try reason(["building": "B-1", "units": "100001"]) == "units '100001' is not a whole number from 0 to 100000")
        #expect(try reason(["building": "B-1", "units": "12.5"]) == "units '12.5' is not a whole number from 0 to 100000")
    }
}
