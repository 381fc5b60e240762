import Foundation
import Testing
import WaakvlamCore
import WaakvlamRules
import WaakvlamService
@testable import WaakvlamCLI

/// `tail` prints each kind of notice in its own words: a level change with its levels, and
/// feedback and rule changes, which have no level of their own, without "onbekend → onbekend".
@Suite struct TailTextTests {
    private static func line(_ kind: NoticeKind, subjectType: String, reference: String, from: Level?, to: Level?,
                             score: Double = 0, rules: [String] = [], signals: [String] = [], deadline: Int64? = nil) -> NoticeLine {
        let notice = Notice(id: 7, at: 1_795_435_200, kind: kind, subjectType: subjectType, subjectID: 1, subjectReference: reference,
                            from: from, to: to, score: score, rules: rules, signals: signals, route: "wijkteam-noord", rung: 0, deadline: deadline)
        return NoticeLine(notice, timeZone: TimeZone(identifier: "Europe/Amsterdam")!, ladder: ["outreach worker"])
    }

    @Test func givenAnEscalation_thenItShowsSubjectLevelsScoreRulesRouteAndDeadline() {
        let text = TailCommand.text(Self.line(.escalation, subjectType: "resident", reference: "H1", from: .green, to: .red, score: 8.5,
                                              rules: ["hennepkwekerij"], deadline: 1_795_700_000))
        #expect(text.hasPrefix("#7 2026-11-23T13:00:00+01:00 escalation resident H1: groen → rood (score 8.5; hennepkwekerij) → wijkteam-noord, before 2026-11-26T14:33:20+01:00"))
    }

    @Test func givenABuildingNotice_thenTheWordBuildingIsNotDoubled() {
        let text = TailCommand.text(Self.line(.building, subjectType: "building", reference: "B0001", from: .green, to: .amber))
        #expect(text == "#7 2026-11-23T13:00:00+01:00 building B0001: groen → oranje → wijkteam-noord")
    }

    @Test func givenFeedback_thenItSaysTheReportIsFollowedUp_withoutLevels() {
        let text = TailCommand.text(Self.line(.feedback, subjectType: "reporter", reference: "p-3f9a1c0b7e42", from: nil, to: nil))
        #expect(text == "#7 2026-11-23T13:00:00+01:00 feedback reporter p-3f9a1c0b7e42: the report is being followed up → wijkteam-noord")
        #expect(!text.contains("onbekend"))
    }

    @Test func givenARuleChangeOfSevenSubjects_thenItCountsThemAndShowsTheFirstFiveInWords() {
        let signals = (1...6).map { "resident:H\($0):green>amber" } + ["building:B:1:amber>green"]
        let text = TailCommand.text(Self.line(.ruleChange, subjectType: "team", reference: "wijkteam-noord", from: nil, to: nil,
                                              score: 7, signals: signals))
        #expect(text.hasPrefix("#7 2026-11-23T13:00:00+01:00 rule-change team wijkteam-noord: 7 level change(s) by new rules: resident H1 groen → oranje, "))
        #expect(text.contains("resident H5 groen → oranje and 2 more → wijkteam-noord"))
        #expect(!text.contains("onbekend"))
        #expect(TailCommand.text(Self.line(.ruleChange, subjectType: "team", reference: "t", from: nil, to: nil, signals: ["building:B:1:amber>green"]))
            .contains("building B:1 oranje → groen"))
    }

    @Test func givenAReminder_thenItIsAnAftercareCheckIn() {
        let text = TailCommand.text(Self.line(.reminder, subjectType: "resident", reference: "H9", from: .green, to: .green, rules: ["nazorg"]))
        #expect(text == "#7 2026-11-23T13:00:00+01:00 reminder resident H9: aftercare check-in (groen) → wijkteam-noord")
    }
}
