/// Turns the raw values of one feed record into a validated ``FeedRecord``.
///
/// Pure: the rules, the calendar and the current time come in as values, so
/// the same decision is made for the command line, the spool and the socket.
public struct FeedRecordDecoder: Sendable {
    /// The longest note the contract allows, in characters.
    public static let maxNoteLength = 280
    /// The longest reference (resident, building, unit, reporter, source, id) accepted.
    public static let maxReferenceLength = 128
    /// The largest amount accepted, in euros: beyond it the value is a mistake.
    public static let maxAmountEuros: Int64 = 10_000_000
    /// How far ahead of now a signal may be dated (clocks and time zones differ a little).
    public static let futureTolerance: Int64 = 86_400

    private let rules: RuleSet
    private let calendar: LocalCalendar
    private let now: Int64

    /// Creates a decoder for signal types in `rules`, dates in `calendar` and the moment `now`.
    public init(rules: RuleSet, calendar: LocalCalendar, now: Int64) {
        self.rules = rules
        self.calendar = calendar
        self.now = now
    }

    /// Decodes one record or says why it cannot be stored.
    public func decode(_ values: FieldValues) -> Result<FeedRecord, FeedRecordError> {
        do {
            if FeedField.signalOnly.contains(where: values.has) {
                return .success(.signal(try signal(values)))
            }
            if values.has(.resident) {
                return .success(.registry(try registry(values)))
            }
            if values.has(.building), values.has(.units) || values.has(.name) {
                return .success(.building(try building(values)))
            }
            throw FeedRecordError("cannot tell what this record is: a signal needs 'type', a registry record 'resident' and 'building', a building record 'building' with 'units' or 'name'")
        } catch let error as FeedRecordError {
            return .failure(error)
        } catch {
            return .failure(FeedRecordError("\(error)"))
        }
    }

    private func signal(_ values: FieldValues) throws -> SignalRecord {
        try refuse(values, outside: Self.signalFields, kind: "a signal")
        let source = try reference(values, .source, required: true)!
        let id = try reference(values, .id, required: true)!
        let code = try required(values, .type)
        guard let type = rules.signalType(code) else {
            throw FeedRecordError("unknown signal type '\(Self.quoted(code))': it is not defined in rules.yaml")
        }
        let occurredText = try required(values, .occurredAt)
        guard let moment = Moment(parsing: occurredText) else {
            throw FeedRecordError("occurred_at '\(Self.quoted(occurredText))' is not an ISO 8601 date (2026-11-02) or date-time with offset (2026-11-02T14:30:00+01:00), or lies outside \(LocalDate.acceptedYears.lowerBound)-\(LocalDate.acceptedYears.upperBound)")
        }
        let occurredAt = calendar.instant(of: moment)
        guard occurredAt <= now + Self.futureTolerance else {
            throw FeedRecordError("occurred_at '\(occurredText)' lies in the future")
        }
        let resident = try reference(values, .resident)
        let building = try reference(values, .building)
        guard resident != nil || building != nil else {
            throw FeedRecordError("a signal needs 'resident' or 'building'")
        }
        let note = values[.note]
        if let note, note.count > Self.maxNoteLength {
            throw FeedRecordError("note is \(note.count) characters; at most \(Self.maxNoteLength) are allowed")
        }
        // A JSON "\u0000" gets past the byte check; C strings (the notice line, sqlite3 on the command line) would cut the note there.
        if let note, note.unicodeScalars.contains("\u{0}") {
            throw FeedRecordError("note must not contain NUL characters")
        }
        var isDateOnly = false
        if case .date = moment { isDateOnly = true }
        return SignalRecord(
            source: source, id: id, type: code, family: type.family, occurredAt: occurredAt, dateOnly: isDateOnly,
            resident: resident, building: building, unit: try reference(values, .unit), reporter: try reference(values, .reporter),
            amountCents: try amount(values), daysOverdue: try wholeNumber(values, .daysOverdue, in: 0...36_500),
            note: note)
    }

    private func registry(_ values: FieldValues) throws -> RegistryRecord {
        try refuse(values, outside: Self.registryFields, kind: "a registry record")
        guard let building = try reference(values, .building) else {
            throw FeedRecordError("a registry record needs 'building' (and a signal needs 'type')")
        }
        let record = RegistryRecord(
            resident: try reference(values, .resident, required: true)!, building: building,
            unit: try reference(values, .unit), neighbourhood: try reference(values, .neighbourhood),
            minors: try wholeNumber(values, .minors, in: 0...30),
            origin: try choice(values, .origin, Origin.self), movedIn: try date(values, .movedIn),
            movedOut: try date(values, .movedOut), support: try choice(values, .support, SupportLevel.self),
            supportUntil: try date(values, .supportUntil))
        if let movedIn = record.movedIn, let movedOut = record.movedOut, movedOut < movedIn {
            throw FeedRecordError("moved_out \(movedOut) lies before moved_in \(movedIn)")
        }
        return record
    }

    private func building(_ values: FieldValues) throws -> BuildingRecord {
        try refuse(values, outside: Self.buildingFields, kind: "a building record")
        let name = values[.name]
        if let name, name.count > 200 || Self.hasControlCharacters(name) {
            throw FeedRecordError("name must be at most 200 characters without control characters")
        }
        return BuildingRecord(
            building: try reference(values, .building, required: true)!,
            units: try wholeNumber(values, .units, in: 0...100_000),
            neighbourhood: try reference(values, .neighbourhood), name: name)
    }

    private static let signalFields: [Bool] = allowing([.source, .id, .type, .occurredAt, .resident, .building, .unit, .reporter, .amount, .daysOverdue, .note])
    private static let registryFields: [Bool] = allowing([.resident, .building, .unit, .neighbourhood, .minors, .origin, .movedIn, .movedOut, .support, .supportUntil])
    private static let buildingFields: [Bool] = allowing([.building, .units, .neighbourhood, .name])

    /// A lookup table by field: built once, because `refuse` runs for every row.
    private static func allowing(_ fields: [FeedField]) -> [Bool] {
        FeedField.allCases.map { fields.contains($0) }
    }

    private func refuse(_ values: FieldValues, outside allowed: [Bool], kind: String) throws {
        if let stray = FeedField.allCases.first(where: { !allowed[$0.rawValue] && values.has($0) }) {
            throw FeedRecordError("field '\(stray.name)' does not belong in \(kind)")
        }
    }

    private func required(_ values: FieldValues, _ field: FeedField) throws -> String {
        guard let value = values[field] else { throw FeedRecordError("missing required field '\(field.name)'") }
        return value
    }

    private func reference(_ values: FieldValues, _ field: FeedField, required isRequired: Bool = false) throws -> String? {
        guard let value = values[field] else {
            if isRequired { throw FeedRecordError("missing required field '\(field.name)'") }
            return nil
        }
        guard value.utf8.count <= Self.maxReferenceLength, !Self.hasControlCharacters(value) else {
            throw FeedRecordError("\(field.name) must be at most \(Self.maxReferenceLength) bytes without control characters")
        }
        return value
    }

    private func wholeNumber(_ values: FieldValues, _ field: FeedField, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = values[field] else { return nil }
        guard text.utf8.count <= 9, text.allSatisfy(\.isASCIIDigit), let value = Int(text), range.contains(value) else {
            throw FeedRecordError("\(field.name) '\(Self.quoted(text))' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private func amount(_ values: FieldValues) throws -> Int64? {
        guard let text = values[.amount] else { return nil }
        guard let cents = Self.cents(text) else {
            throw FeedRecordError("amount '\(Self.quoted(text))' is not a number of euros from 0 to \(Self.maxAmountEuros) with a decimal point and at most two decimals (e.g. 1234.50)")
        }
        return cents
    }

    /// Parses `1234`, `1234.5` or `1234.50` into cents.
    static func cents(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 8, whole.allSatisfy(\.isASCIIDigit),
              let euros = Int64(whole), euros <= maxAmountEuros else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit), let value = Int64(fraction) else { return nil }
            cents = fraction.count == 1 ? value * 10 : value
        }
        let total = euros * 100 + cents
        return total <= maxAmountEuros * 100 ? total : nil
    }

    private func date(_ values: FieldValues, _ field: FeedField) throws -> LocalDate? {
        guard let text = values[field] else { return nil }
        guard let date = LocalDate(parsing: text) else {
            throw FeedRecordError("\(field.name) '\(Self.quoted(text))' is not a date (YYYY-MM-DD, \(LocalDate.acceptedYears.lowerBound)-\(LocalDate.acceptedYears.upperBound))")
        }
        return date
    }

    private func choice<Choice: RawRepresentable & CaseIterable>(_ values: FieldValues, _ field: FeedField, _: Choice.Type) throws -> Choice? where Choice.RawValue == String {
        guard let text = values[field] else { return nil }
        guard let value = Choice(rawValue: text) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw FeedRecordError("\(field.name) '\(Self.quoted(text))' is not one of \(allowed)")
        }
        return value
    }

    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// A value short and safe enough to repeat in an error message.
    public static func quoted(_ text: String) -> String {
        let clean = String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return clean.count > 40 ? String(clean.prefix(40)) + "…" : clean
    }
}
