import Synchronization
import WaakvlamCore
import WaakvlamRules
import WaakvlamStore

/// Keeps the stoplight engine in step with the store: takes in new signals and registry facts,
/// re-evaluates, and saves states and level changes in one transaction.
///
/// The daemon holds one for its lifetime; commands open one for a single catch-up or explanation.
public final class LevelKeeper: Sendable {
    let database: AppDatabase
    let calendar: LocalCalendar
    let engine: Mutex<Engine>

    struct Engine: Sendable {
        var stoplight: Stoplight
        var marks: CasebookMarks
        /// Households whose signals were stored after the last saved evaluation; nil: evaluate everyone.
        var pending: Set<Int64>?
        /// The day (since the epoch) up to which old signals were last dropped.
        var forgotDay: Int64 = .min
        /// Changes and states a failed save could not write; the next step writes them first.
        var unwrittenChanges: [LevelChange] = []
        var unwrittenStates: Set<Subject> = []
        /// Turns level changes into notices (teams, deadlines); nil writes none. Kept with the
        /// engine so that a reload swaps (and, refused, restores) both under one lock.
        var noticeMaker: NoticeMaker?
    }

    /// What one evaluation saved.
    struct Saved {
        /// The level changes written.
        var changes: [LevelChange]
        /// The notices written with them.
        var notices: Int
    }

    /// Loads the casebook and the stored states. Nothing is evaluated yet.
    /// `noticeMaker` turns each level change into a notice, written with it; nil writes none.
    public init(database: AppDatabase, policy: StoplightPolicy, calendar: LocalCalendar, now: Int64, noticeMaker: NoticeMaker? = nil) throws {
        self.database = database
        self.calendar = calendar
        let clock = try database.engineClock()
        let (casebook, marks) = try database.loadCasebook(calendar: calendar, since: now - policy.lookBack.seconds)
        let stoplight = Stoplight(policy: policy, casebook: casebook, states: try database.subjectStates(), evaluatedAt: clock?.evaluatedAt ?? now)
        // Signals stored after the last saved evaluation (by `ingest` without the engine, or
        // before a crash) are in the casebook already; their households still need evaluating.
        var pending: Set<Int64>?
        if let clock {
            pending = Set(casebook.residents.values.filter { $0.signals.contains { $0.id > clock.lastSignalID } }.map(\.id))
                .union(try database.residentsWithRegistry(after: clock.lastRegistryID))
        }
        engine = Mutex(Engine(stoplight: stoplight, marks: marks, pending: pending, noticeMaker: noticeMaker))
    }

    /// The corporation's reference of a subject, for pseudonyms in log lines.
    public func reference(of subject: Subject) -> String {
        engine.withLock { $0.stoplight.casebook.reference(of: subject) }
    }

    /// A copy of the engine as it stands, for explanations and reports.
    public var stoplight: Stoplight { engine.withLock { $0.stoplight } }

    /// Re-evaluates everyone who can still change at `now` (the scheduled step as time passes),
    /// after taking in anything new. Returns the changes, already saved.
    /// Notices past their deadline climb the ladder at the same step.
    @discardableResult
    public func evaluateAll(at now: Int64) throws -> [LevelChange] {
        let changes = try step(at: now, everyone: true)
        try raiseOverdue(at: now)
        try raiseReminders(at: now)
        return changes
    }

    /// Raises a reminder for every household in aftercare whose check-in fell due since its last
    /// reminder (see ``AftercarePolicy/latestCheckIn(for:recoveredAt:at:)``). Returns how many.
    @discardableResult
    public func raiseReminders(at now: Int64) throws -> Int {
        guard let maker = engine.withLock({ $0.noticeMaker }) else { return 0 }
        let latest = try database.latestReminders()
        let notices: [Notice] = engine.withLock { engine in
            let stoplight = engine.stoplight
            let aftercare = stoplight.policy.aftercare
            var notices: [Notice] = []
            for resident in stoplight.casebook.residents.values where resident.facts.livesThere(at: now) {
                let state = stoplight.states[.resident(resident.id)]
                guard let due = aftercare.latestCheckIn(for: resident.facts, recoveredAt: state?.recoveredAt, at: now),
                      latest[resident.id].map({ $0 < due }) ?? true else { continue }
                notices.append(maker.reminder(for: resident, level: state?.level ?? .green, at: now, in: stoplight.casebook))
            }
            return notices
        }
        try database.saveNotices(notices)
        return notices.count
    }

    /// Raises the overdue notices that are due at `now` (see ``AppDatabase/raiseOverdue(at:rungs:safetyTypes:deadline:)``).
    @discardableResult
    public func raiseOverdue(at now: Int64) throws -> [Int64] {
        let (policy, noticeMaker) = engine.withLock { ($0.stoplight.policy, $0.noticeMaker) }
        guard let maker = noticeMaker else { return [] }
        let safety = Set(policy.ruleSet.signalTypes.values.filter { $0.family == .safety }.map(\.code))
        return try database.raiseOverdue(at: now, rungs: maker.escalation.ladder.count, safetyTypes: safety) { level in
            level.flatMap { maker.escalation.deadline(for: $0) }.map { maker.deadline(after: now, workingDays: $0) }
        }
    }

    /// Takes in new signals and registry facts and re-evaluates only the households they touch
    /// (and their buildings). Returns the changes, already saved.
    @discardableResult
    public func catchUp(at now: Int64) throws -> [LevelChange] {
        try step(at: now, everyone: false)
    }

    /// Puts a reloaded configuration in force (policy, and teams and deadlines through
    /// `noticeMaker`) and re-evaluates everyone at `now`. The changes the new rules cause are
    /// saved as always, but told in one summary notice per team rather than one notice each,
    /// so a rule change does not flood the teams. Returns the changes and the number of
    /// summary notices.
    @discardableResult
    public func reload(policy: StoplightPolicy, noticeMaker: NoticeMaker?, at now: Int64) throws -> (changes: [LevelChange], summaries: Int) {
        // What arrived under the old rules is taken in and told as usual first.
        try catchUp(at: now)
        return try engine.withLock { engine in
            let before = engine
            engine.stoplight.replacePolicy(policy)
            engine.noticeMaker = noticeMaker
            do {
                let saved = try step(&engine, at: now, everyone: true, summarize: true)
                return (saved.changes, saved.notices)
            } catch {
                // Refused whole: the engine (and its notice maker) as it was, nothing of the new rules kept.
                engine = before
                throw error
            }
        }
    }

    private func step(at now: Int64, everyone: Bool) throws -> [LevelChange] {
        try engine.withLock { try step(&$0, at: now, everyone: everyone, summarize: false).changes }
    }

    /// One evaluation on the locked engine; `summarize` tells the changes in one notice per team.
    private func step(_ engine: inout Engine, at now: Int64, everyone: Bool, summarize: Bool) throws -> Saved {
        let since = now - engine.stoplight.policy.lookBack.seconds
        let touched = try database.refresh(&engine.stoplight.casebook, marks: &engine.marks, calendar: calendar, since: since)
        let selection = everyone ? nil : engine.pending.map { $0.union(touched) }
        engine.pending = []
        let changes = engine.stoplight.evaluate(residents: selection, at: now)
        // Forgetting what no longer counts walks every household: once a day is enough.
        if everyone, since / 86_400 > engine.forgotDay {
            engine.stoplight.casebook.forget(before: since)
            engine.forgotDay = since / 86_400
        }
        engine.stoplight.markUnsaved(engine.unwrittenStates)
        let unsaved = engine.stoplight.takeUnsaved()
        let toWrite = engine.unwrittenChanges + changes
        // A catch-up that changed nothing worth remembering need not write: on a restart the
        // households after the saved clock are evaluated again, with the same outcome.
        if !everyone, unsaved.isEmpty, toWrite.isEmpty { return Saved(changes: changes, notices: 0) }
        let clock = EngineClock(evaluatedAt: engine.stoplight.evaluatedAt, lastSignalID: engine.stoplight.casebook.lastSignalID, lastRegistryID: engine.marks.registryID)
        let casebook = engine.stoplight.casebook, maker = engine.noticeMaker
        let notices: [Notice?] = summarize ? [] : maker.map { maker in
            toWrite.map { maker.isWorthTelling($0) ? maker.notice(for: $0, in: casebook) : nil }
        } ?? []
        let summaries = summarize ? maker.map { $0.ruleChangeSummaries(for: toWrite, in: casebook, at: now) } ?? [] : []
        do {
            try database.saveEvaluation(states: unsaved, changes: toWrite, notices: notices, summaries: summaries, clock: clock)
        } catch {
            // Keep what was decided so no change is lost or decided twice; the next step writes it.
            engine.unwrittenChanges = toWrite
            engine.unwrittenStates = Set(unsaved.map(\.subject))
            throw error
        }
        engine.unwrittenChanges = []
        engine.unwrittenStates = []
        return Saved(changes: toWrite, notices: notices.count { $0 != nil } + summaries.count)
    }
}
