import WaakvlamCore

/// A building's trend as a small inline SVG: one square per week in the level colour, unknown weeks hollow.
struct DigestTrendSVG {
    let wording: DigestWording

    static func colour(_ level: Level?) -> String {
        switch level {
        case .red: "#c62828"
        case .amber: "#ef9a00"
        case .green: "#2e7d32"
        case nil: "#ffffff"
        }
    }

    func render(_ trend: [Level?], weeks: [LocalDate]) -> String {
        let cell = 14, gap = 4
        let width = trend.count * (cell + gap) - gap
        let label = HTMLText.escape("\(wording.trend): " + trend.map { wording.level($0) }.joined(separator: ", "))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend\" width=\"\(width)\" height=\"\(cell)\" viewBox=\"0 0 \(width) \(cell)\" role=\"img\" aria-label=\"\(label)\">"
        svg += "<title>\(label)</title>"
        for (index, level) in trend.enumerated() {
            let week = index < weeks.count ? HTMLText.escape("\(weeks[index]): \(wording.level(level))") : ""
            svg += "<rect x=\"\(index * (cell + gap))\" y=\"0.5\" width=\"\(cell - 1)\" height=\"\(cell - 1)\" rx=\"2\" fill=\"\(Self.colour(level))\" stroke=\"#757575\" stroke-width=\"1\"><title>\(week)</title></rect>"
        }
        return svg + "</svg>"
    }
}
