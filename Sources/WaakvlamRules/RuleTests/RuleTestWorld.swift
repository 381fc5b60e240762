import WaakvlamCore

/// The engine and the references of one rule test, advanced step by step.
struct RuleTestWorld {
    private var stoplight: Stoplight
    private let calendar: LocalCalendar
    private var residentIDs: [String: Int64] = [:]
    private var buildingIDs: [String: Int64] = [:]
    private var nextSignalID: Int64 = 1

    init(policy: StoplightPolicy, calendar: LocalCalendar, start: Int64) {
        self.calendar = calendar
        stoplight = Stoplight(policy: policy, casebook: Casebook(), evaluatedAt: start)
    }

    /// Evaluates at every step of the policy's interval strictly between `start` and `end`.
    mutating func passTime(from start: Int64, to end: Int64) {
        let step = max(stoplight.policy.levels.evaluateEvery.seconds, 60)
        var moment = (start / step + 1) * step
        while moment < end {
            _ = stoplight.evaluate(at: moment)
            moment += step
        }
    }

    mutating func evaluate(at moment: Int64) { _ = stoplight.evaluate(at: moment) }

    mutating func apply(_ action: RuleTestScenario.Action) {
        switch action {
        case .signal(let record): add(record)
        case .registry(let record): register(record)
        case .building(let record):
            let id = building(record.building)
            stoplight.casebook.register(building: id, reference: record.building, units: record.units, neighbourhood: record.neighbourhood)
        case .expect: break
        }
    }

    /// Nil when `subject` shows `level`, otherwise what went wrong.
    func check(subject: String, level expected: String, at moment: Int64) -> String? {
        let day = calendar.localDate(of: moment)
        if let id = residentIDs[subject] {
            let state = stoplight.state(of: .resident(id))
            let shown = state.level?.rawValue ?? "unknown"
            guard shown != expected else { return nil }
            // Quiet green residents keep no state; the assessment has the score either way.
            let assessment = stoplight.assessment(ofResident: id, at: moment)
            let fired = assessment?.fired.map(\.name) ?? state.rules
            let rules = fired.isEmpty ? "none" : fired.joined(separator: ", ")
            let score = ((assessment?.score ?? state.score) * 100).rounded() / 100
            return "resident \(subject) on \(day): expected \(expected), got \(shown) (score \(score); rules: \(rules))"
        }
        if let id = buildingIDs[subject] {
            let state = stoplight.state(of: .building(id))
            let shown = state.level?.rawValue ?? "unknown"
            guard shown != expected else { return nil }
            let measures = state.rules.isEmpty ? "none" : state.rules.joined(separator: ", ")
            return "building \(subject) on \(day): expected \(expected), got \(shown) (measures above green: \(measures))"
        }
        return "'\(subject)' is neither a resident nor a building in this test"
    }

    private mutating func resident(_ reference: String) -> Int64 {
        if let id = residentIDs[reference] { return id }
        let id = Int64(residentIDs.count + 1)
        residentIDs[reference] = id
        stoplight.casebook.register(resident: id, facts: HouseholdFacts(reference: reference))
        return id
    }

    private mutating func building(_ reference: String) -> Int64 {
        if let id = buildingIDs[reference] { return id }
        let id = Int64(buildingIDs.count + 1)
        buildingIDs[reference] = id
        stoplight.casebook.register(building: id, reference: reference, units: nil, neighbourhood: nil)
        return id
    }

    private mutating func register(_ record: RegistryRecord) {
        let id = resident(record.resident)
        let calendar = self.calendar
        let day = { (date: LocalDate?) in date.map { calendar.startOfDay($0) } }
        let buildingID = building(record.building)
        let facts = HouseholdFacts(reference: record.resident, building: buildingID, neighbourhood: record.neighbourhood,
                                   minors: record.minors, origin: record.origin, support: record.support,
                                   supportUntil: day(record.supportUntil), movedIn: day(record.movedIn), movedOut: day(record.movedOut))
        stoplight.casebook.register(resident: id, facts: facts)
    }

    private mutating func add(_ record: SignalRecord) {
        defer { nextSignalID += 1 }
        var fact = SignalFact(id: nextSignalID, reference: "\(record.source):\(record.id)", type: record.type, occurredAt: record.occurredAt,
                              reporter: record.reporter, amountCents: record.amountCents, daysOverdue: record.daysOverdue.map(Int64.init))
        if let reference = record.resident {
            let id = resident(reference)
            fact.isRepeat = isRepeat(fact, family: record.family, resident: id)
            stoplight.casebook.add(fact, resident: id)
        } else if let reference = record.building {
            stoplight.casebook.add(fact, building: building(reference))
        }
    }

    /// The same decision the store makes at ingest: the covenant's "herhaalde melding".
    private func isRepeat(_ fact: SignalFact, family: SignalFamily, resident id: Int64) -> Bool {
        guard family == .arrears, let signals = stoplight.casebook.residents[id]?.signals else { return false }
        let arrears = stoplight.policy.ruleSet.arrears
        guard let previous = signals.last(where: { $0.type == fact.type && $0.occurredAt <= fact.occurredAt }) else { return false }
        let closed = signals.contains { arrears.closedBy.contains($0.type) && $0.occurredAt >= previous.occurredAt && $0.occurredAt <= fact.occurredAt }
        return arrears.isRepeat(occurredAt: fact.occurredAt, amountCents: fact.amountCents,
                                previous: .init(occurredAt: previous.occurredAt, amountCents: previous.amountCents, closedSince: closed))
    }
}
