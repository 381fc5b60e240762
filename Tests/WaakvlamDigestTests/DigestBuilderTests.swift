import Foundation
import Testing
import WaakvlamCore
import WaakvlamDigest
import WaakvlamTesting

/// What the digest reads from a store the real engine filled.
@Suite struct DigestBuilderTests {
    let fixture: DigestFixture
    init() throws { fixture = try DigestFixture() }

    static let arrearsWithChildren = "Betalingsachterstand van 60 dagen of meer (vanaf 250 euro) in een huishouden met minderjarige kinderen"
    static let cannabis = "Aanwijzing voor een hennepkwekerij; gevaar voor bewoners en buren"
    static let safety = "Een veiligheidssignaal (politie, calamiteit) vraagt altijd om een gesprek"

    @Test func givenTheDayOfTheEscalations_whenBuilt_thenNewRedsAndAmbersAreListedPerTeamWithDutchReasonsAndSignalWords() throws {
        // given the evaluated store; when
        let data = try fixture.builder.build(for: fixture.day)
        // then
        #expect(data.sections.map(\.team.id) == ["wijkteam-centrum", "wijkteam-noord"])
        let centrum = data.sections[0], noord = data.sections[1]
        #expect(Set(centrum.newReds.map(\.household)) == ["H1", "H2"])
        let h1 = try #require(centrum.newReds.first { $0.household == "H1" })
        #expect(h1.reasons == [Self.arrearsWithChildren])
        #expect(h1.signals == ["Huurachterstand (gemeld vanaf 30 dagen, na een schriftelijke herinnering)"])
        #expect(h1.from == .green && h1.to == .red)
        // Red: three working days, Monday → Thursday.
        #expect(h1.deadline == fixture.day(3))
        #expect(centrum.newReds.first { $0.household == "H2" }?.reasons == [Self.cannabis])
        // H6 is amber on the sum of its signals alone: no rule, three signal types in words.
        let h6 = try #require(centrum.newAmbers.first)
        #expect(centrum.newAmbers.map(\.household) == ["H6"])
        #expect(h6.reasons.isEmpty)
        #expect(Set(h6.signals) == ["Stank, vervuiling of afval rond de woning", "Tuin, portiek of woning verwaarloosd", "Achterstand energierekening"])
        #expect(noord.newReds.isEmpty)
        #expect(noord.newAmbers.map(\.household) == ["N1"])
        #expect(noord.newAmbers.first?.reasons == [Self.safety])
        #expect(data.sections.allSatisfy { $0.overdue.isEmpty && $0.deEscalations.isEmpty && $0.checkIns.isEmpty })
    }

    @Test func givenAnotherDay_whenBuilt_thenNothingIsNew() throws {
        let data = try fixture.builder.build(for: fixture.day(1))
        #expect(data.sections.allSatisfy { $0.isQuiet })
    }

    @Test func givenRedDeadlinesPassedWithoutAcknowledgement_whenBuiltForFriday_thenBothRedsAreOverdueAndTheAmberIsNot() throws {
        // given time moving on without anyone acknowledging
        let friday = fixture.now + 4 * 86_400
        try fixture.environment.openLevels(at: friday).evaluateAll(at: friday)
        // when
        let data = try fixture.builder.build(for: fixture.day(4))
        // then
        let centrum = data.sections[0]
        #expect(Set(centrum.overdue.map(\.household)) == ["H1", "H2"])
        // The daemon's step on Friday carried both up the ladder: they show at the team lead's rung.
        #expect(centrum.overdue.allSatisfy { $0.rung == 1 })
        #expect(data.sections[1].overdue.isEmpty)
        #expect(centrum.newReds.isEmpty)
    }

    @Test func givenOneAcknowledgedAndOneSnoozedPastTheDay_whenBuilt_thenNeitherIsOverdue_andTheSnoozedReturnsAfterwards() throws {
        // given
        let h1 = try fixture.noticeID("H1"), h2 = try fixture.noticeID("H2")
        let snoozedUntil = fixture.environment.calendar.startOfDay(fixture.day(8))
        try fixture.environment.database.execute("UPDATE notice SET acked_at = \(fixture.now + 86_400), acked_by = 'anna' WHERE id = \(h1)")
        try fixture.environment.database.execute("UPDATE notice SET snoozed_until = \(snoozedUntil) WHERE id = \(h2)")
        // when
        let friday = try fixture.builder.build(for: fixture.day(4))
        let later = try fixture.builder.build(for: fixture.day(8))
        // then
        #expect(friday.sections[0].overdue.isEmpty)
        #expect(later.sections[0].overdue.map(\.household) == ["H2"])
    }

    @Test func givenAnOverdueNoticeCarriedUpARung_whenBuilt_thenOnlyTheHigherRungIsListed() throws {
        let h1 = try fixture.noticeID("H1")
        let deadline = fixture.now + 3 * 86_400
        try fixture.environment.database.execute("""
            INSERT INTO notice (at, kind, subject_type, subject_id, subject_ref, from_level, to_level, score, rules, signals, route, rung, deadline, parent_id)
            SELECT at + 4 * 86400, 'overdue', subject_type, subject_id, subject_ref, from_level, to_level, score, rules, signals, route, 1, \(deadline), id
            FROM notice WHERE id = \(h1)
            """)
        let overdue = try fixture.builder.build(for: fixture.day(5)).sections[0].overdue
        #expect(overdue.filter { $0.household == "H1" }.map(\.rung) == [1])
    }

    @Test func givenADeEscalationAndAReminder_whenBuilt_thenTheyHaveTheirOwnSections() throws {
        try fixture.insertNotice(kind: "de-escalation", reference: "H7", at: fixture.now, from: .red, to: .amber)
        try fixture.insertNotice(kind: "reminder", reference: "H8", at: fixture.now, from: .green, to: .green)
        let centrum = try fixture.builder.build(for: fixture.day).sections[0]
        #expect(centrum.deEscalations.map(\.household) == ["H7"])
        #expect(centrum.deEscalations.first?.to == .amber)
        #expect(centrum.checkIns.map(\.household) == ["H8"])
    }

    @Test func givenBuildingsAtAmberAndRed_whenBuilt_thenTheyAreListedRedFirstWithMeasuresAndAnEightWeekTrend() throws {
        let data = try fixture.builder.build(for: fixture.day)
        #expect(data.buildings.map(\.reference) == ["B1", "B2"])
        let b1 = data.buildings[0], b2 = data.buildings[1]
        #expect(b1.level == .red && b2.level == .amber)
        #expect(b1.name == "De Linde")
        #expect(b1.measures.contains("vulnerable_share"))
        #expect(b1.route == "wijkteam-centrum" && b2.route == "wijkteam-noord")
        // Known since 3 November: the five weeks before are unknown, the last three coloured.
        #expect(data.trendWeeks.count == 8 && data.trendWeeks.last == fixture.day && data.trendWeeks.first == fixture.day(-49))
        #expect(b1.trend == [nil, nil, nil, nil, nil, .red, .red, .red])
        #expect(b2.trend == [nil, nil, nil, nil, nil, .amber, .amber, .amber])
    }

    @Test func givenATeam_whenBuilt_thenOnlyItsHouseholdsAndBuildingsAppear() throws {
        let data = try fixture.builder.build(for: fixture.day, team: "wijkteam-noord")
        #expect(data.team?.id == "wijkteam-noord")
        #expect(data.sections.map(\.team.id) == ["wijkteam-noord"])
        #expect(data.sections[0].newAmbers.map(\.household) == ["N1"])
        #expect(data.buildings.map(\.reference) == ["B2"])
    }

    @Test func givenAnUnknownTeam_whenBuilt_thenItIsRefusedNamingTheKnownTeams() throws {
        #expect(throws: DigestError.unknownTeam("wijkteam-zuid", known: ["wijkteam-centrum", "wijkteam-noord"])) {
            try fixture.builder.build(for: fixture.day, team: "wijkteam-zuid")
        }
    }
}
