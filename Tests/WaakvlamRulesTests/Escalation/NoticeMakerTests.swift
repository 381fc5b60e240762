import Testing
import WaakvlamCore
@testable import WaakvlamRules

/// Level changes become notices with the right kind, owner and working-day deadline.
@Suite struct NoticeMakerTests {
    let calendar = LocalCalendar(identifier: "Europe/Amsterdam")!
    var maker: NoticeMaker {
        NoticeMaker(teams: [Team(id: "centrum", name: "Centrum"), Team(id: "noord", name: "Noord", neighbourhoods: ["NB03"])],
                    escalation: .defaults, calendar: calendar)
    }

    func casebook(neighbourhood: String?) -> Casebook {
        var casebook = Casebook()
        casebook.register(building: 7, reference: "B7", units: 10, neighbourhood: neighbourhood)
        casebook.register(resident: 1, facts: HouseholdFacts(reference: "H1", building: 7))
        return casebook
    }

    func moment(_ text: String) -> Int64 { calendar.instant(of: Moment(parsing: text)!) }

    func change(_ subject: Subject, _ from: Level?, _ to: Level?, at text: String) -> LevelChange {
        LevelChange(subject: subject, at: moment(text), from: from, to: to, score: 8.5, rules: ["hennepkwekerij"], signals: ["corporatie:1"])
    }

    @Test("given a household going red in a neighbourhood a team lists, then the notice is an escalation owned by that team")
    func escalationRoutedByNeighbourhood() {
        let notice = maker.notice(for: change(.resident(1), .green, .red, at: "2026-11-04T10:00:00+01:00"), in: casebook(neighbourhood: "NB03"))
        #expect(notice.kind == .escalation)
        #expect(notice.subjectReference == "H1")
        #expect(notice.route == "noord")
        #expect(notice.rules == ["hennepkwekerij"])
        #expect(notice.signals == ["corporatie:1"])
        #expect(notice.rung == 0)
    }

    @Test("given a neighbourhood no team lists, then the first team owns the notice")
    func defaultRoute() {
        #expect(maker.notice(for: change(.resident(1), .green, .amber, at: "2026-11-04"), in: casebook(neighbourhood: "NB99")).route == "centrum")
    }

    @Test("given a household going down or a building changing, then the kind says so and nothing has a deadline")
    func deEscalationAndBuilding() {
        let down = maker.notice(for: change(.resident(1), .red, .green, at: "2026-11-04"), in: casebook(neighbourhood: nil))
        #expect(down.kind == .deEscalation)
        #expect(down.deadline == nil)
        let building = maker.notice(for: change(.building(7), nil, .red, at: "2026-11-04"), in: casebook(neighbourhood: nil))
        #expect(building.kind == .building)
        #expect(building.subjectReference == "B7")
        #expect(building.deadline == nil)
    }

    @Test("given first evaluations, then only a first level of amber or red is worth a notice; any later change is")
    func firstLevelBelowAmberIsNotTold() {
        #expect(!maker.isWorthTelling(change(.building(7), nil, .green, at: "2026-11-04")))
        #expect(!maker.isWorthTelling(change(.resident(1), nil, .green, at: "2026-11-04")))
        #expect(!maker.isWorthTelling(change(.building(7), nil, nil, at: "2026-11-04")))
        #expect(maker.isWorthTelling(change(.resident(1), nil, .amber, at: "2026-11-04")))
        #expect(maker.isWorthTelling(change(.building(7), nil, .red, at: "2026-11-04")))
        #expect(maker.isWorthTelling(change(.building(7), .amber, nil, at: "2026-11-04")))
        #expect(maker.isWorthTelling(change(.resident(1), .amber, .green, at: "2026-11-04")))
    }

    @Test("given a rule change that moved households of two teams, then each team gets one summary listing its own, without a deadline")
    func ruleChangeSummaries() {
        var casebook = Casebook()
        casebook.register(building: 7, reference: "B7", units: 10, neighbourhood: "NB03")
        casebook.register(building: 8, reference: "B8", units: 10, neighbourhood: "NB99")
        casebook.register(resident: 1, facts: HouseholdFacts(reference: "H1", building: 7))
        casebook.register(resident: 2, facts: HouseholdFacts(reference: "H2", building: 7))
        casebook.register(resident: 3, facts: HouseholdFacts(reference: "H3", building: 8))
        let changes = [
            change(.resident(1), .green, .amber, at: "2026-11-04"), change(.resident(2), .amber, .green, at: "2026-11-04"),
            change(.resident(3), .green, .red, at: "2026-11-04"),
        ]
        let summaries = maker.ruleChangeSummaries(for: changes, in: casebook, at: moment("2026-11-04"))
        #expect(summaries.map(\.route) == ["centrum", "noord"])
        #expect(summaries.allSatisfy { $0.kind == .ruleChange && $0.subjectType == "team" && $0.deadline == nil })
        #expect(summaries[0].signals == ["resident:H3:green>red"])
        #expect(summaries[1].signals == ["resident:H1:green>amber", "resident:H2:amber>green"])
        #expect(summaries[1].score == 2)
    }

    @Test("given red on Thursday before Easter 2026, then the deadline is the end of Wednesday 8 April (3 working days, Easter Monday off)",
          arguments: [
              ("2026-04-02T10:00:00+02:00", Level.red, "2026-04-08"),    // Easter: Fri 3, (Mon 6 off), Tue 7, Wed 8
              ("2026-04-24T16:00:00+02:00", Level.red, "2026-04-30"),    // King's Day Mon 27 off: Tue 28, Wed 29, Thu 30
              ("2026-12-23T09:00:00+01:00", Level.red, "2026-12-29"),    // Christmas Fri 25 off: Thu 24, Mon 28, Tue 29
              ("2026-12-21T09:00:00+01:00", Level.amber, "2027-01-06"),  // 10 working days over Christmas and New Year
          ])
    func workingDayDeadlines(at text: String, level: Level, due: String) throws {
        let notice = maker.notice(for: change(.resident(1), .green, level, at: text), in: casebook(neighbourhood: nil))
        let deadline = try #require(notice.deadline)
        #expect(calendar.localDate(of: deadline).description == due)
        // The end of that working day: one second later is the next local day.
        #expect(calendar.localDate(of: deadline + 1).description != due)
    }
}
