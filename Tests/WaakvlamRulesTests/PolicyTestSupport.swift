import WaakvlamCore
import WaakvlamRules

// Shared fixtures for the engine tests: a small rule set with round numbers, policies built
// from the shipped `.standard` defaults, and a casebook builder that hands out signal ids.

/// 2026-01-01 00:00 UTC: the start of every test timeline.
let t0: Int64 = 1_767_225_600
/// One hour in seconds.
let hour: Int64 = 3_600

/// `n` days in seconds.
func days(_ n: Int64) -> Int64 { n * 86_400 }

/// Whether two scores agree up to rounding of the last bits.
func nearly(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

/// Policies for engine tests. The signal types follow the shipped rules, but with round weights so
/// that every expected score can be worked out by hand.
enum TestPolicy {
    static let types: [SignalType] = [
        SignalType(code: "overlast.geluid", family: .nuisance, domain: "sociaal", weight: 1, halfLife: .days(30)),
        SignalType(code: "overlast.drugs", family: .nuisance, domain: "sociaal", weight: 2, halfLife: .days(30)),
        SignalType(code: "waarneming.schade", family: .observation, domain: "wonen", weight: 1, halfLife: .days(60)),
        SignalType(code: "waarneming.post", family: .observation, domain: "wonen", weight: 0.5, halfLife: .days(21)),
        SignalType(code: "zorg.gestopt", family: .care, domain: "zorg", weight: 1, halfLife: .days(90)),
        // Deliberately light, so rules about it can be tested without the score interfering.
        SignalType(code: "veiligheid.politie", family: .safety, domain: "veiligheid", weight: 0.5, halfLife: .days(60)),
        SignalType(code: "achterstand.huur", family: .arrears, domain: "financien", weight: 2, halfLife: .days(90)),
        SignalType(code: "achterstand.energie", family: .arrears, domain: "financien", weight: 1.5, halfLife: .days(90)),
        SignalType(code: "positief.contact", family: .positive, domain: "sociaal", weight: -1.5, halfLife: .days(30)),
        SignalType(code: "positief.achterstand_voldaan", family: .positive, domain: "financien", weight: -3, halfLife: .days(60)),
    ]

    static let ruleSet = RuleSet(
        signalTypes: Dictionary(uniqueKeysWithValues: types.map { ($0.code, $0) }),
        domains: ["wonen", "financien", "sociaal", "zorg", "veiligheid"],
        arrears: ArrearsPolicy(repeatWindow: .days(90), closedBy: ["positief.achterstand_voldaan"]))

    static let conditionParser = ConditionParser(knownTypes: Set(ruleSet.signalTypes.keys))

    /// A named rule whose condition is parsed against the test types.
    static func rule(_ name: String, _ level: Level, when text: String, for holdFor: TimeSpan? = nil) throws -> NamedRule {
        NamedRule(name: name, level: level, condition: try conditionParser.parse(text), holdFor: holdFor)
    }

    /// The test rule set with the shipped defaults for every section not given.
    static func make(rules: [NamedRule] = [], scoring: ScoringPolicy = .standard, levels: LevelPolicy = .standard,
                     aftercare: AftercarePolicy = .standard, buildings: BuildingPolicy = .standard) -> StoplightPolicy {
        StoplightPolicy(ruleSet: ruleSet, scoring: scoring, levels: levels, rules: rules, aftercare: aftercare, buildings: buildings)
    }

    /// One rule function call, written as a condition writes it, e.g. `count(overlast.*, 30d)` or `feud()`.
    static func call(_ text: String) throws -> FunctionCall {
        let condition: Condition
        do { condition = try conditionParser.parse(text) } catch { condition = try conditionParser.parse("\(text) >= 0") }
        guard let call = condition.calls.first else { preconditionFailure("no call in \(text)") }
        return call
    }
}

/// A casebook under construction: households, buildings and their signals, with fresh signal ids.
struct Scene {
    var casebook = Casebook()
    private var nextSignalID: Int64 = 1

    /// Registers household `id` with reference `R<id>` unless the facts say otherwise.
    mutating func resident(_ id: Int64, _ facts: HouseholdFacts? = nil) {
        casebook.register(resident: id, facts: facts ?? HouseholdFacts(reference: "R\(id)"))
    }

    /// Adds a signal about household `resident`.
    mutating func signal(_ type: String, about resident: Int64, at moment: Int64, reporter: String? = nil,
                         amountCents: Int64? = nil, daysOverdue: Int64? = nil, isRepeat: Bool = false) {
        casebook.add(fact(type, at: moment, reporter: reporter, amountCents: amountCents, daysOverdue: daysOverdue, isRepeat: isRepeat), resident: resident)
    }

    /// Adds `count` signals of one type about household `resident`, all at `moment`.
    mutating func signals(_ count: Int, _ type: String, about resident: Int64, at moment: Int64, reporter: String? = nil) {
        for _ in 0..<count { signal(type, about: resident, at: moment, reporter: reporter) }
    }

    /// Adds a signal about building `building` only.
    mutating func signal(_ type: String, aboutBuilding building: Int64, at moment: Int64, isRepeat: Bool = false) {
        casebook.add(fact(type, at: moment, isRepeat: isRepeat), building: building)
    }

    /// The assessment of household `id` at `moment`.
    func assess(_ id: Int64, at moment: Int64, policy: StoplightPolicy = TestPolicy.make(), state: SubjectState? = nil) -> Assessment {
        ResidentAssessor(policy: policy).assess(casebook.residents[id]!, in: casebook, state: state, at: moment)
    }

    /// The value of a number function for household `id` at `moment`, as rule conditions see it.
    func number(_ call: String, of id: Int64, at moment: Int64, policy: StoplightPolicy = TestPolicy.make()) throws -> Double {
        let call = try TestPolicy.call(call)
        return facts(of: id, at: moment, policy: policy).number(call)
    }

    /// The value of a boolean function for household `id` at `moment`, as rule conditions see it.
    func truth(_ call: String, of id: Int64, at moment: Int64, policy: StoplightPolicy = TestPolicy.make()) throws -> Bool {
        let call = try TestPolicy.call(call)
        return facts(of: id, at: moment, policy: policy).truth(call)
    }

    /// An engine over this casebook.
    func stoplight(_ policy: StoplightPolicy = TestPolicy.make(), states: [Subject: SubjectState] = [:], at moment: Int64 = t0) -> Stoplight {
        Stoplight(policy: policy, casebook: casebook, states: states, evaluatedAt: moment)
    }

    private func facts(of id: Int64, at moment: Int64, policy: StoplightPolicy) -> ResidentFacts {
        let engine = stoplight(policy, at: moment)
        return engine.facts(ofResident: id, assessment: engine.assessment(ofResident: id, at: moment)!)!
    }

    private mutating func fact(_ type: String, at moment: Int64, reporter: String? = nil, amountCents: Int64? = nil,
                               daysOverdue: Int64? = nil, isRepeat: Bool = false) -> SignalFact {
        defer { nextSignalID += 1 }
        return SignalFact(id: nextSignalID, reference: "test:\(nextSignalID)", type: type, occurredAt: moment, reporter: reporter,
                          amountCents: amountCents, daysOverdue: daysOverdue, isRepeat: isRepeat)
    }
}
