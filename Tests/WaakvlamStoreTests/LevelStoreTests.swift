import Testing
import WaakvlamCore
import WaakvlamRules
import WaakvlamStore
import WaakvlamTesting

@Suite("Levels in the store")
struct LevelStoreTests {
    let directory = TemporaryDirectory()

    static let t0: Int64 = 1_767_225_600
    static let day: Int64 = 86_400

    /// Two signal types and the shipped defaults; `rules` as given.
    static func policy(_ rules: [(String, Level, String, TimeSpan?)]) throws -> StoplightPolicy {
        let types = [
            SignalType(code: "veiligheid.politie", family: .safety, domain: "veiligheid", weight: 0.5, halfLife: .days(60)),
            SignalType(code: "overlast.geluid", family: .nuisance, domain: "sociaal", weight: 1, halfLife: .days(30)),
        ]
        let ruleSet = RuleSet(signalTypes: Dictionary(uniqueKeysWithValues: types.map { ($0.code, $0) }), domains: ["veiligheid", "sociaal"],
                              arrears: ArrearsPolicy(repeatWindow: .days(90), closedBy: []))
        let parser = ConditionParser(knownTypes: Set(ruleSet.signalTypes.keys))
        let named = try rules.map { NamedRule(name: $0.0, level: $0.1, condition: try parser.parse($0.2), holdFor: $0.3) }
        return StoplightPolicy(ruleSet: ruleSet, scoring: .standard, levels: .standard, rules: named, aftercare: .standard, buildings: .standard)
    }

    /// Saves what the engine has not saved yet, as the daemon does after each evaluation.
    static func save(_ stoplight: inout Stoplight, changes: [LevelChange], to database: AppDatabase) throws {
        try database.saveEvaluation(states: stoplight.takeUnsaved(), changes: changes,
                                    clock: EngineClock(evaluatedAt: stoplight.evaluatedAt, lastSignalID: stoplight.casebook.lastSignalID, lastRegistryID: 0))
    }

    /// A new engine from what the store holds, as the daemon starts.
    static func restart(_ policy: StoplightPolicy, casebook: Casebook, from database: AppDatabase) throws -> Stoplight {
        let clock = try #require(try database.engineClock())
        return Stoplight(policy: policy, casebook: casebook, states: try database.subjectStates(), evaluatedAt: clock.evaluatedAt)
    }

    @Test("given states with every field set, when saved and read back from the file, then they are equal")
    func roundTrip() throws {
        let path = directory.file("levels.sqlite")
        let resident = SubjectState(level: .red, since: Self.t0, score: 9.25, rules: ["politie", "kinderen"], amberOrLowerSince: Self.t0 + 100,
                                    greenSince: Self.t0 + 200, peak: .red, recoveredAt: Self.t0 - Self.day,
                                    ruleSince: ["politie": Self.t0 - 3_600, "kinderen": Self.t0 - Self.day], evaluatedAt: Self.t0 + 300)
        let building = SubjectState(level: nil, since: Self.t0, score: 0.4, rules: ["concern_share"], evaluatedAt: Self.t0 + 300)
        let clock = EngineClock(evaluatedAt: Self.t0 + 300, lastSignalID: 42, lastRegistryID: 7)
        do {
            let database = try AppDatabase.open(path: path)
            try database.saveEvaluation(states: [(.resident(3), resident), (.building(3), building)], changes: [], clock: clock)
            try database.close()
        }
        let again = try AppDatabase.open(path: path)
        #expect(try again.subjectStates() == [.resident(3): resident, .building(3): building])
        #expect(try again.engineClock() == clock)
    }

    @Test("given a stored state, when it is saved as nil, then it is deleted and other states stay")
    func deletion() throws {
        let database = try AppDatabase.inMemory()
        let amber = SubjectState(level: .amber, since: Self.t0, peak: .amber, evaluatedAt: Self.t0)
        let clock = EngineClock(evaluatedAt: Self.t0, lastSignalID: 0, lastRegistryID: 0)
        try database.saveEvaluation(states: [(.resident(1), amber), (.resident(2), amber)], changes: [], clock: clock)
        try database.saveEvaluation(states: [(.resident(1), nil)], changes: [], clock: clock)
        #expect(try database.subjectStates() == [.resident(2): amber])
    }

    @Test("given a red resident whose rule stopped holding, when the daemon restarts and evaluates an hour later, then it is still red until the cool-down ends")
    func redStaysRedAfterRestart() throws {
        let policy = try Self.policy([("politie", .red, "count(veiligheid.politie, 1d) >= 1", nil)])
        var casebook = Casebook()
        casebook.register(resident: 1, facts: HouseholdFacts(reference: "R1"))
        casebook.add(SignalFact(id: 1, reference: "politie:1", type: "veiligheid.politie", occurredAt: Self.t0), resident: 1)
        let database = try AppDatabase.inMemory()

        var before = Stoplight(policy: policy, casebook: casebook, evaluatedAt: Self.t0)
        for moment in [Self.t0, Self.t0 + Self.day] {
            let changes = before.evaluate(at: moment)
            try Self.save(&before, changes: changes, to: database)
        }
        #expect(before.level(ofResident: 1) == .red)
        let saved = try database.subjectStates()
        #expect(saved == before.states)
        #expect(saved[.resident(1)]?.greenSince == Self.t0 + Self.day)

        var after = try Self.restart(policy, casebook: casebook, from: database)
        #expect(after.evaluatedAt == Self.t0 + Self.day)
        _ = after.evaluate(at: Self.t0 + Self.day + 3_600)
        #expect(after.level(ofResident: 1) == .red)
        _ = after.evaluate(at: Self.t0 + 15 * Self.day - 1)
        #expect(after.level(ofResident: 1) == .red)
        let changes = after.evaluate(at: Self.t0 + 15 * Self.day)
        #expect(changes.map(\.to) == [.green])
        #expect(after.states[.resident(1)]?.recoveredAt == Self.t0 + 15 * Self.day)
    }

    @Test("given a rule with for: 14d that has held 10 days, when the daemon restarts, then the clock is not restarted and the rule fires on day 14")
    func holdForSurvivesRestart() throws {
        let policy = try Self.policy([("kinderen", .amber, "minors() > 0", .days(14))])
        var casebook = Casebook()
        casebook.register(resident: 1, facts: HouseholdFacts(reference: "R1", minors: 2))
        let database = try AppDatabase.inMemory()

        var before = Stoplight(policy: policy, casebook: casebook, evaluatedAt: Self.t0)
        let first = before.evaluate(residents: [1], at: Self.t0)
        try Self.save(&before, changes: first, to: database)
        let later = before.evaluate(at: Self.t0 + 10 * Self.day)
        try Self.save(&before, changes: later, to: database)
        #expect(try database.subjectStates()[.resident(1)]?.ruleSince == ["kinderen": Self.t0])

        var after = try Self.restart(policy, casebook: casebook, from: database)
        _ = after.evaluate(at: Self.t0 + 14 * Self.day - 1)
        #expect(after.level(ofResident: 1) == .green)
        _ = after.evaluate(at: Self.t0 + 14 * Self.day)
        #expect(after.level(ofResident: 1) == .amber)
    }

    @Test("given level changes, when saved, then each gets an increasing id")
    func changeIDs() throws {
        let database = try AppDatabase.inMemory()
        let change = LevelChange(subject: .resident(1), at: Self.t0, from: .green, to: .red, score: 8, rules: ["politie"], signals: ["politie:1"])
        let ids = try database.saveEvaluation(states: [], changes: [change, change], clock: EngineClock(evaluatedAt: Self.t0, lastSignalID: 1, lastRegistryID: 0))
        #expect(ids.count == 2)
        #expect(ids.first.map { ids[1] > $0 } == true)
        #expect(try database.integer("SELECT count(*) FROM level_change WHERE subject_type = 'resident' AND to_level = 'red'") == 2)
    }

    @Test("given as many rule-change summaries as level changes, when saved, then no summary is linked to a change")
    func summariesStandForMany() throws {
        let database = try AppDatabase.inMemory()
        let changes = [1, 2].map { LevelChange(subject: .resident($0), at: Self.t0, from: .green, to: .amber, score: 4, rules: ["r"], signals: []) }
        let summaries = ["oost", "noord"].map { team in
            Notice(at: Self.t0, kind: .ruleChange, subjectType: "team", subjectID: 0, subjectReference: team, from: nil, to: nil,
                   score: 1, rules: [], signals: [], route: team, deadline: nil)
        }
        try database.saveEvaluation(states: [], changes: changes, summaries: summaries, clock: EngineClock(evaluatedAt: Self.t0, lastSignalID: 1, lastRegistryID: 0))
        #expect(try database.integer("SELECT count(*) FROM notice WHERE kind = 'rule-change'") == 2)
        #expect(try database.integer("SELECT count(*) FROM notice WHERE change_id IS NOT NULL") == 0)
    }
}
