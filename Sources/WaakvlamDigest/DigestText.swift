import WaakvlamCore

/// Renders a digest as plain text, for mail or a terminal.
public struct DigestText: Sendable {
    /// The words used.
    public let wording: DigestWording

    /// Creates a renderer in `language` (Dutch unless told).
    public init(language: DigestLanguage = .dutch) { wording = DigestWording(language) }

    /// The digest as text, ending with a newline.
    public func render(_ data: DigestData) -> String {
        let words = wording
        var lines = ["\(words.title) — \(words.date(data.day))", data.team.map(words.team) ?? words.allTeams, "", words.motto]
        for section in data.sections {
            lines += ["", "== \(words.team(section.team)) =="]
            if section.isQuiet { lines += [words.quiet] }
            lines += list(words.newReds, section.newReds) { entry in
                [headline(entry, detail: words.wasLevel(entry.from)), ask(entry)] + reasons(entry)
            }
            lines += list(words.newAmbers, section.newAmbers) { entry in
                [headline(entry, detail: words.wasLevel(entry.from)), ask(entry)] + reasons(entry)
            }
            lines += list(words.overdue, section.overdue) { entry in
                var detail = words.deadlinePassed(entry.deadline, on: data.day)
                if entry.rung > 0 { detail += ", " + words.rung(entry.rung) }
                return [headline(entry, detail: detail)] + reasons(entry)
            }
            lines += list(words.deEscalations, section.deEscalations) { entry in
                ["  - \(entry.household): \(words.stepDown(from: entry.from, to: entry.to)) [#\(entry.noticeID)]"]
            }
            lines += list(words.checkIns, section.checkIns) { entry in
                ["  - \(entry.household) [#\(entry.noticeID)]"]
            }
        }
        lines += ["", "== \(words.buildings) =="]
        if data.buildings.isEmpty { lines += [words.none] }
        for building in data.buildings {
            let name = building.name.map { " \($0)" } ?? ""
            lines += [
                "  - \(building.reference)\(name): \(words.level(building.level)) \(words.since(building.since))",
                "    \(words.placement): \(words.advice(building.level))",
            ]
            if !building.measures.isEmpty { lines += ["    \(words.why): " + building.measures.map(words.measure).joined(separator: "; ")] }
            lines += ["    \(words.trend): " + building.trend.map(words.mark).joined(separator: " ")]
        }
        if !data.buildings.isEmpty { lines += ["  (\(words.trendLegend))"] }
        lines += ["", words.privacy]
        return lines.joined(separator: "\n") + "\n"
    }

    private func list(_ heading: String, _ entries: [DigestEntry], _ item: (DigestEntry) -> [String]) -> [String] {
        guard !entries.isEmpty else { return ["", "\(heading): \(wording.none)"] }
        return ["", "\(heading) (\(entries.count))"] + entries.flatMap(item)
    }

    private func headline(_ entry: DigestEntry, detail: String) -> String {
        "  - \(entry.household): \(wording.level(entry.to)) (\(detail)) [#\(entry.noticeID)]"
    }

    private func ask(_ entry: DigestEntry) -> String {
        "    " + ([wording.invitation(entry.to)] + [entry.deadline.map(wording.pickUpBy)].compactMap { $0 }).joined(separator: "; ")
    }

    private func reasons(_ entry: DigestEntry) -> [String] {
        let why = entry.reasons.isEmpty ? [wording.addUp(entry.score)] : entry.reasons
        var lines = ["    \(wording.why): " + why.joined(separator: "; ")]
        if !entry.signals.isEmpty { lines.append("    \(wording.signalsLabel): " + entry.signals.joined(separator: "; ")) }
        return lines
    }
}
