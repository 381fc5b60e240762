import WaakvlamCore

/// The stoplight engine: the casebook, every subject's state, and the policy that moves them.
///
/// A value type with no clock of its own: every step names its moment, so the daemon,
/// `--now` runs, rule tests and back-tests all compute exactly the same levels.
public struct Stoplight: Sendable {
    /// The policy in force.
    public private(set) var policy: StoplightPolicy
    /// What is known about households and buildings.
    public var casebook: Casebook
    /// Non-quiet states; a subject missing here is green (resident) or unknown (building) with nothing pending.
    public private(set) var states: [Subject: SubjectState]
    /// The moment of the last evaluation.
    public private(set) var evaluatedAt: Int64
    /// Subjects whose remembered state changed since ``takeUnsaved()``.
    public private(set) var unsaved: Set<Subject> = []
    private var residentAssessor: ResidentAssessor
    private var buildingAssessor: BuildingAssessor

    /// Creates an engine from a casebook and the states stored at the last evaluation.
    public init(policy: StoplightPolicy, casebook: Casebook, states: [Subject: SubjectState] = [:], evaluatedAt: Int64) {
        self.policy = policy
        self.casebook = casebook
        self.states = states
        self.evaluatedAt = evaluatedAt
        self.residentAssessor = ResidentAssessor(policy: policy)
        self.buildingAssessor = BuildingAssessor(policy: policy)
    }

    /// Puts a new policy in force; levels follow at the next evaluation.
    public mutating func replacePolicy(_ policy: StoplightPolicy) {
        self.policy = policy
        residentAssessor = ResidentAssessor(policy: policy)
        buildingAssessor = BuildingAssessor(policy: policy)
    }

    /// A subject's state, with the default for subjects never stored.
    public func state(of subject: Subject) -> SubjectState {
        if let state = states[subject] { return state }
        switch subject {
        case .resident: return .green(at: evaluatedAt)
        case .building: return .unknown(at: evaluatedAt)
        }
    }

    /// A resident's shown level.
    public func level(ofResident id: Int64) -> Level { states[.resident(id)]?.level ?? .green }

    /// Assesses a resident at `moment` without changing anything (for explanations).
    public func assessment(ofResident id: Int64, at moment: Int64) -> Assessment? {
        guard let resident = casebook.residents[id] else { return nil }
        return residentAssessor.assess(resident, in: casebook, state: states[.resident(id)], at: moment)
    }

    /// The values of a resident's rule functions at an assessment, for explanations.
    public func facts(ofResident id: Int64, assessment: Assessment) -> ResidentFacts? {
        casebook.residents[id].map { residentAssessor.facts(for: $0, in: casebook, assessment: assessment) }
    }

    /// Assesses a building at `moment` without changing anything (for explanations).
    public func assessment(ofBuilding id: Int64, at moment: Int64) -> BuildingAssessment? {
        guard let building = casebook.buildings[id] else { return nil }
        return buildingAssessor.assess(building, in: casebook, at: moment) { level(ofResident: $0) }
    }

    /// Re-evaluates at `moment`: the given residents (after new signals or registry facts), or
    /// with nil every resident that can still change, then their buildings. Returns the changes.
    public mutating func evaluate(residents touched: Set<Int64>? = nil, at moment: Int64) -> [LevelChange] {
        var changes: [LevelChange] = []
        var buildings: Set<Int64> = []
        if let touched {
            for id in touched.sorted() { evaluateResident(id, at: moment, into: &changes, buildings: &buildings) }
        } else {
            // In storage order (sorting 100,000 ids costs more than the evaluations it orders);
            // the changes are put in id order below.
            for id in casebook.residents.keys where isLive(id) {
                evaluateResident(id, at: moment, into: &changes, buildings: &buildings)
            }
            changes.sort { $0.subject.id < $1.subject.id }
            buildings = Set(casebook.buildings.keys)
        }
        for id in buildings.sorted() { evaluateBuilding(id, at: moment, into: &changes) }
        evaluatedAt = max(evaluatedAt, moment)
        return changes
    }

    /// Whether a resident can change without new data: it has signals within reach, or a state that is not quiet.
    private func isLive(_ id: Int64) -> Bool {
        states[.resident(id)] != nil || !(casebook.residents[id]?.signals.isEmpty ?? true)
    }

    private mutating func evaluateResident(_ id: Int64, at moment: Int64, into changes: inout [LevelChange], buildings: inout Set<Int64>) {
        guard let resident = casebook.residents[id] else { return }
        let subject = Subject.resident(id)
        let previous = state(of: subject)
        let assessment = residentAssessor.assess(resident, in: casebook, state: states[subject], at: moment)
        var (next, changedFrom) = Hysteresis(coolDown: policy.levels.coolDown).step(previous, wanted: assessment.level, at: moment)
        next.score = assessment.score
        next.rules = assessment.fired.map(\.name)
        next.ruleSince = Dictionary(uniqueKeysWithValues: assessment.holding.map { ($0, previous.ruleSince[$0] ?? moment) })
        store(next, for: subject)
        if let building = resident.facts.building { buildings.insert(building) }
        guard let from = changedFrom else { return }
        let signals = assessment.contributions.filter { $0.counted > 0 }.sorted { $0.counted > $1.counted }.prefix(20).map(\.signal.reference)
        changes.append(LevelChange(subject: subject, at: moment, from: from, to: next.level, score: assessment.score, rules: next.rules, signals: Array(signals)))
    }

    private mutating func evaluateBuilding(_ id: Int64, at moment: Int64, into changes: inout [LevelChange]) {
        guard let assessment = assessment(ofBuilding: id, at: moment) else { return }
        let subject = Subject.building(id)
        let previous = state(of: subject)
        var (next, changedFrom) = Hysteresis(coolDown: policy.levels.coolDown).step(previous, wanted: assessment.level, at: moment)
        next.score = assessment.measures.first { $0.kind == .concernShare }?.value ?? 0
        next.rules = assessment.measures.filter { $0.level > .green }.map(\.kind.rawValue)
        store(next, for: subject)
        guard let from = changedFrom else { return }
        changes.append(LevelChange(subject: subject, at: moment, from: from, to: next.level, score: next.score, rules: next.rules, signals: assessment.signals))
    }

    /// Forgets a household whose records were deleted: its case and its state, saved or not.
    public mutating func forget(resident id: Int64) {
        casebook.remove(resident: id)
        states[.resident(id)] = nil
        unsaved.remove(.resident(id))
    }

    /// Marks subjects whose state must be written again (after a failed save).
    public mutating func markUnsaved(_ subjects: Set<Subject>) { unsaved.formUnion(subjects) }

    /// The states to write to the store (nil: delete), and forgets that they were unsaved.
    public mutating func takeUnsaved() -> [(subject: Subject, state: SubjectState?)] {
        defer { unsaved.removeAll() }
        return unsaved.sorted { ($0.kind, $0.id) < ($1.kind, $1.id) }.map { ($0, states[$0]) }
    }

    private mutating func store(_ state: SubjectState, for subject: Subject) {
        let quiet: Bool
        switch subject {
        case .resident: quiet = state.isQuiet
        case .building: quiet = state.level == nil && state.rules.isEmpty
        }
        let old = states[subject]
        if quiet {
            if old != nil { unsaved.insert(subject) }
            states[subject] = nil
        } else {
            if !(old.map { $0.remembersTheSame(as: state) } ?? false) { unsaved.insert(subject) }
            states[subject] = state
        }
    }
}
