import Testing
import WaakvlamCore
import WaakvlamDigest
import WaakvlamTesting

/// The text digest as outreach workers read it, in Dutch and in English.
@Suite struct DigestTextTests {
    let fixture: DigestFixture
    init() throws { fixture = try DigestFixture() }

    static let stigmatising = ["probleemgeval", "risicobewoner", "probleemgezin", "overlastgever", "problem case", "risk resident"]

    @Test func givenTheDayOfTheEscalations_whenRenderedInDutch_thenItInvitesToConversationsWithTheReasonsInWords() throws {
        // given
        let data = try fixture.builder.build(for: fixture.day)
        // when
        let text = DigestText().render(data)
        // then
        #expect(text.hasPrefix("Waakvlam dagoverzicht — maandag 23 november 2026\nAlle teams\n"))
        #expect(text.contains("== Wijkteam Centrum (wijkteam-centrum) =="))
        #expect(text.contains("== Wijkteam Noord (wijkteam-noord) =="))
        #expect(text.contains("Nieuw op rood (2)"))
        #expect(text.contains("  - H1: rood (was groen) [#"))
        #expect(text.contains("    Rood: nodig uit voor een gezamenlijk gesprek, snel; graag opgepakt uiterlijk donderdag 26 november 2026"))
        #expect(text.contains("    Waarom: \(DigestBuilderTests.arrearsWithChildren)"))
        #expect(text.contains("    Signalen: Huurachterstand (gemeld vanaf 30 dagen, na een schriftelijke herinnering)"))
        #expect(text.contains("  - H6: oranje (was groen)"))
        #expect(text.contains("    Waarom: De signalen samen tellen op (score "))
        #expect(text.contains("Nog niet opgepakt (termijn verstreken): geen"))
        #expect(text.contains("onmacht, niet onwil"))
        // Buildings once, with advice and the trend.
        #expect(text.components(separatedBy: "  - B1 De Linde: rood sinds dinsdag 3 november 2026").count == 2)
        #expect(text.contains("    Plaatsingsadvies: geen ruimte meer voor kwetsbare plaatsing"))
        #expect(text.contains("    Plaatsingsadvies: alleen bewoners zonder zware problematiek"))
        #expect(text.contains("    Laatste 8 weken: · · · · · R R R"))
        #expect(text.contains("    Laatste 8 weken: · · · · · O O O"))
        // Never notes, never labels.
        #expect(!text.contains("NOTITIE-GEHEIM"))
        for word in Self.stigmatising { #expect(!text.lowercased().contains(word)) }
    }

    @Test func givenFridayWithoutAcknowledgement_whenRendered_thenTheOverdueSectionNamesTheDeadline() throws {
        let text = DigestText().render(try fixture.builder.build(for: fixture.day(4)))
        #expect(text.contains("Nog niet opgepakt (termijn verstreken) (2)"))
        #expect(text.contains("  - H1: rood (termijn was donderdag 26 november 2026) [#"))
        #expect(text.contains("Nieuw op rood: geen"))
    }

    @Test func givenOneTeam_whenRendered_thenOnlyThatTeamAndItsBuildingAppear() throws {
        let text = DigestText().render(try fixture.builder.build(for: fixture.day, team: "wijkteam-noord"))
        #expect(text.contains("Wijkteam Noord (wijkteam-noord)\n"))
        #expect(!text.contains("Wijkteam Centrum"))
        #expect(text.contains("  - N1: oranje"))
        #expect(!text.contains("H1"))
        #expect(text.contains("  - B2 Het Hof: oranje"))
        #expect(!text.contains("B1"))
    }

    @Test func givenTheSameDay_whenRenderedInEnglish_thenTheWordsAreEnglishAndTheReasonsKeepTheirPolicyText() throws {
        let text = DigestText(language: .english).render(try fixture.builder.build(for: fixture.day))
        #expect(text.hasPrefix("Waakvlam daily digest — Monday 23 November 2026\nAll teams\n"))
        #expect(text.contains("New at red (2)"))
        #expect(text.contains("  - H1: red (was green) [#"))
        #expect(text.contains("    Red: an invitation to a joint conversation, soon; please pick up by Thursday 26 November 2026"))
        #expect(text.contains("    Amber: a low-threshold contact"))
        #expect(text.contains("    Why: \(DigestBuilderTests.arrearsWithChildren)"))
        #expect(text.contains("    Placement advice: no room for a further vulnerable placement"))
        #expect(text.contains("    Last 8 weeks: · · · · · A A A"))
        #expect(!text.contains("rood") && !text.contains("oranje"))
        for word in Self.stigmatising { #expect(!text.lowercased().contains(word)) }
    }

    @Test func givenADeEscalationAndACheckIn_whenRendered_thenBothAreNamedGently() throws {
        try fixture.insertNotice(kind: "de-escalation", reference: "H7", at: fixture.now, from: .red, to: .amber)
        try fixture.insertNotice(kind: "reminder", reference: "H8", at: fixture.now, from: .green, to: .green)
        let text = DigestText().render(try fixture.builder.build(for: fixture.day))
        #expect(text.contains("Afgeschaald, de zorg is minder geworden (1)\n  - H7: van rood naar oranje [#"))
        #expect(text.contains("Nazorg, vinger aan de pols vandaag (1)\n  - H8 [#"))
    }
}
