import WaakvlamCore

/// Renders a digest as one self-contained HTML5 document: inline CSS, the stoplight in colour,
/// each building's trend as inline SVG, all text escaped. It passes `tidy -q -e` clean.
public struct DigestHTML: Sendable {
    /// The words used.
    public let wording: DigestWording

    /// Creates a renderer in `language` (Dutch unless told).
    public init(language: DigestLanguage = .dutch) { wording = DigestWording(language) }

    static let style = """
        body{font-family:system-ui,sans-serif;max-width:52em;margin:1em auto;padding:0 1em;color:#212121;line-height:1.4}
        h1{font-size:1.4em}h2{border-bottom:2px solid #e0e0e0;padding-bottom:.2em}h3{font-size:1.05em;margin-bottom:.3em}
        ul{padding-left:1.2em}li{margin-bottom:.6em}li p{margin:.15em 0}
        .badge{display:inline-block;min-width:4em;text-align:center;border-radius:1em;padding:0 .6em;font-weight:bold;color:#fff}
        .red{background:#c62828}.amber{background:#ef9a00;color:#212121}.green{background:#2e7d32}.unknown{background:#9e9e9e}
        .motto,.none,.notice,.legend{color:#616161}.notice{font-size:.85em}footer{margin-top:2em;font-size:.85em;color:#616161}
        """

    /// The digest as a complete HTML document.
    public func render(_ data: DigestData) -> String {
        let words = wording
        let title = "\(words.title) — \(words.date(data.day))"
        var html = ["<!DOCTYPE html>", "<html lang=\"\(words.language.code)\">", "<head>", "<meta charset=\"utf-8\">",
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                    "<title>\(e(title))</title>", "<style>", Self.style, "</style>", "</head>", "<body>", "<header>",
                    "<h1>\(e(title))</h1>", "<p>\(e(data.team.map(words.team) ?? words.allTeams))</p>",
                    "<p class=\"motto\">\(e(words.motto))</p>", "</header>", "<main>"]
        for section in data.sections {
            html += ["<section>", "<h2>\(e(words.team(section.team)))</h2>"]
            if section.isQuiet { html += ["<p>\(e(words.quiet))</p>"] }
            html += list(words.newReds, section.newReds) { [headline($0, detail: words.wasLevel($0.from)), ask($0)] + reasons($0) }
            html += list(words.newAmbers, section.newAmbers) { [headline($0, detail: words.wasLevel($0.from)), ask($0)] + reasons($0) }
            html += list(words.overdue, section.overdue) { entry in
                var detail = words.deadlinePassed(entry.deadline, on: data.day)
                if entry.rung > 0 { detail += ", " + words.rung(entry.rung) }
                return [headline(entry, detail: detail)] + reasons(entry)
            }
            html += list(words.deEscalations, section.deEscalations) { [headline($0, detail: words.stepDown(from: $0.from, to: $0.to))] }
            html += list(words.checkIns, section.checkIns) { [headline($0, detail: words.level($0.to))] }
            html += ["</section>"]
        }
        html += buildings(data)
        html += ["</main>", "<footer>", "<p>\(e(words.privacy))</p>", "</footer>", "</body>", "</html>"]
        return html.joined(separator: "\n") + "\n"
    }

    private func buildings(_ data: DigestData) -> [String] {
        var html = ["<section>", "<h2>\(e(wording.buildings))</h2>"]
        guard !data.buildings.isEmpty else { return html + ["<p class=\"none\">\(e(wording.none))</p>", "</section>"] }
        html += ["<ul>"]
        let trend = DigestTrendSVG(wording: wording)
        for building in data.buildings {
            let name = building.name.map { " " + e($0) } ?? ""
            html += ["<li>", "<p>\(badge(building.level)) <strong>\(e(building.reference))</strong>\(name), \(e(wording.since(building.since)))</p>",
                     "<p><em>\(e(wording.placement)):</em> \(e(wording.advice(building.level)))</p>"]
            if !building.measures.isEmpty {
                html += ["<p><em>\(e(wording.why)):</em> \(e(building.measures.map(wording.measure).joined(separator: "; ")))</p>"]
            }
            html += ["<p><em>\(e(wording.trend)):</em> \(trend.render(building.trend, weeks: data.trendWeeks))</p>", "</li>"]
        }
        return html + ["</ul>", "<p class=\"legend\">\(e(wording.trendLegend))</p>", "</section>"]
    }

    private func list(_ heading: String, _ entries: [DigestEntry], _ item: (DigestEntry) -> [String]) -> [String] {
        guard !entries.isEmpty else { return ["<h3>\(e(heading))</h3>", "<p class=\"none\">\(e(wording.none))</p>"] }
        return ["<h3>\(e(heading)) (\(entries.count))</h3>", "<ul>"] + entries.flatMap { ["<li>"] + item($0) + ["</li>"] } + ["</ul>"]
    }

    private func badge(_ level: Level?) -> String {
        "<span class=\"badge \(level?.rawValue ?? "unknown")\">\(e(wording.level(level)))</span>"
    }

    private func headline(_ entry: DigestEntry, detail: String) -> String {
        "<p>\(badge(entry.to)) <strong>\(e(entry.household))</strong> (\(e(detail))) <span class=\"notice\">#\(entry.noticeID)</span></p>"
    }

    private func ask(_ entry: DigestEntry) -> String {
        "<p>" + e(([wording.invitation(entry.to)] + [entry.deadline.map(wording.pickUpBy)].compactMap { $0 }).joined(separator: "; ")) + "</p>"
    }

    private func reasons(_ entry: DigestEntry) -> [String] {
        let why = entry.reasons.isEmpty ? [wording.addUp(entry.score)] : entry.reasons
        var html = ["<p><em>\(e(wording.why)):</em> \(e(why.joined(separator: "; ")))</p>"]
        if !entry.signals.isEmpty { html.append("<p><em>\(e(wording.signalsLabel)):</em> \(e(entry.signals.joined(separator: "; ")))</p>") }
        return html
    }

    private func e(_ text: String) -> String { HTMLText.escape(text) }
}
