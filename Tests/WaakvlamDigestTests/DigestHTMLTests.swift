import Foundation
import Testing
import WaakvlamCore
import WaakvlamDigest
import WaakvlamTesting

/// The HTML digest: a complete document that the real `tidy` accepts without a word, everything escaped.
@Suite struct DigestHTMLTests {
    let fixture: DigestFixture
    init() throws { fixture = try DigestFixture() }

    /// Runs `/usr/bin/tidy -q -e` on `html`; returns its exit status and everything it said.
    func tidy(_ html: String, name: String) throws -> (status: Int32, output: String) {
        let file = fixture.directory.write(name, html)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tidy")
        process.arguments = ["-q", "-e", file]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test(arguments: [DigestLanguage.dutch, .english], [nil, "wijkteam-noord"])
    func givenTheDayOfTheEscalations_whenRenderedAsHTML_thenTidyFindsNothing(language: DigestLanguage, team: String?) throws {
        // given a day with reds, ambers, a step down and a check-in
        try fixture.insertNotice(kind: "de-escalation", reference: "H7", at: fixture.now, from: .red, to: .amber)
        try fixture.insertNotice(kind: "reminder", reference: "H8", at: fixture.now, from: .green, to: .green)
        // when
        let html = DigestHTML(language: language).render(try fixture.builder.build(for: fixture.day, team: team))
        // then
        let result = try tidy(html, name: "digest-\(language.code)-\(team ?? "all").html")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.isEmpty, "\(result.output)")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language.code)\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<title>"))
        // Nothing outside the document: no links, scripts, sources, imports or URLs in CSS.
        for external in ["<link", "<script", "src=", "href=", "@import", "url("] { #expect(!html.contains(external)) }
    }

    @Test func givenBuildingsAtAmberAndRed_whenRenderedAsHTML_thenEachHasABadgeAndEightTrendSquaresInTheLevelColours() throws {
        let html = DigestHTML().render(try fixture.builder.build(for: fixture.day))
        #expect(html.contains("<span class=\"badge red\">rood</span> <strong>B1</strong> De Linde"))
        #expect(html.contains("<span class=\"badge amber\">oranje</span> <strong>B2</strong> Het Hof"))
        #expect(html.contains("<span class=\"badge red\">rood</span> <strong>H1</strong>"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 2)
        #expect(html.components(separatedBy: "<rect ").count - 1 == 16)
        #expect(html.components(separatedBy: "fill=\"#c62828\"").count - 1 == 3)
        #expect(html.components(separatedBy: "fill=\"#ef9a00\"").count - 1 == 3)
        #expect(html.components(separatedBy: "fill=\"#ffffff\"").count - 1 == 10)
        #expect(html.contains("geen ruimte meer voor kwetsbare plaatsing"))
        #expect(html.contains("Rood: nodig uit voor een gezamenlijk gesprek, snel"))
        #expect(!html.contains("NOTITIE-GEHEIM"))
    }

    @Test func givenAHostileHouseholdReferenceAndBuildingName_whenRenderedAsHTML_thenEverythingIsEscapedAndTidyIsSilent() throws {
        // given
        let hostile = "<script>alert(1)</script>&\"'"
        try fixture.insertNotice(kind: "escalation", reference: hostile, at: fixture.now, from: .green, to: .red,
                                 deadline: fixture.now + 86_400, rules: "[\"<b>onbekende regel</b>\"]")
        try fixture.environment.database.execute("UPDATE building SET name = '<img src=x onerror=alert(1)>&\"' WHERE ref = 'B1'")
        // when
        let html = DigestHTML().render(try fixture.builder.build(for: fixture.day))
        // then
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;"))
        let result = try tidy(html, name: "hostile.html")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.isEmpty, "\(result.output)")
    }
}
