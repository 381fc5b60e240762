import WaakvlamCore

/// Runs a rule set over stored history in simulated time: signals arrive at the moment they
/// occurred, time passes a day at a time, and every level change is tallied per week and team.
///
/// Registry facts are those stored now (moves and aftercare dates carry their own dates).
public struct Replay: Sendable {
    /// Households and buildings without their signals.
    private let registry: Casebook
    /// Every signal with the household or building it belongs to, in time order.
    private let timeline: [(signal: SignalFact, owner: Subject)]
    private let calendar: LocalCalendar

    /// Splits a casebook loaded with history into registry and a timeline of signals.
    public init(history: Casebook, calendar: LocalCalendar) {
        var registry = Casebook()
        var timeline: [(signal: SignalFact, owner: Subject)] = []
        for building in history.buildings.values {
            registry.register(building: building.id, reference: building.reference, units: building.units, neighbourhood: building.neighbourhood)
            timeline += building.signals.map { ($0, Subject.building(building.id)) }
        }
        for resident in history.residents.values {
            registry.register(resident: resident.id, facts: resident.facts)
            timeline += resident.signals.map { ($0, Subject.resident(resident.id)) }
        }
        timeline.sort { ($0.signal.occurredAt, $0.signal.id) < ($1.signal.occurredAt, $1.signal.id) }
        self.registry = registry
        self.timeline = timeline
        self.calendar = calendar
    }

    /// The tallies of `policy` from the start of day `from` to the end of day `to`, keyed by
    /// ISO week and team id; `route` names the team of a subject.
    public func run(policy: StoplightPolicy, from: LocalDate, to: LocalDate, route: (Subject, Casebook) -> String) -> [ReplayWeek: ReplayTally] {
        let start = calendar.startOfDay(from)
        var stoplight = Stoplight(policy: policy, casebook: registry, evaluatedAt: start)
        var index = 0
        // Warm up: what happened before `from` sets the levels the replay starts with.
        index = feed(&stoplight, upTo: start, from: index)
        _ = stoplight.evaluate(at: start)
        var tallies: [ReplayWeek: ReplayTally] = [:]
        var day = from
        while day <= to {
            let end = calendar.startOfDay(day.adding(days: 1))
            index = feed(&stoplight, upTo: end, from: index)
            let week = ReplayWeek(date: day)
            for change in stoplight.evaluate(at: end - 1) {
                tallies[ReplayWeek(year: week.year, week: week.week, team: route(change.subject, stoplight.casebook)), default: ReplayTally()].count(change)
            }
            day = day.adding(days: 1)
        }
        return tallies
    }

    /// Adds the signals that occurred before `moment`; returns where the timeline stands.
    private func feed(_ stoplight: inout Stoplight, upTo moment: Int64, from start: Int) -> Int {
        var index = start
        while index < timeline.count, timeline[index].signal.occurredAt < moment {
            let (signal, owner) = timeline[index]
            switch owner {
            case .resident(let id): stoplight.casebook.add(signal, resident: id)
            case .building(let id): stoplight.casebook.add(signal, building: id)
            }
            index += 1
        }
        return index
    }
}
