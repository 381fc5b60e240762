/// Finds the known names closest to a misspelt one, for "did you mean" hints.
enum NameSuggestions {
    /// Up to `limit` candidates within a small edit distance of `name`, closest first.
    static func closest(to name: String, among candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let word = Array(name)
        // A third of the word, at least one and at most three edits: close enough to be a typo.
        let allowed = min(3, max(1, word.count / 3))
        var scored: [(String, Int)] = []
        for candidate in candidates {
            let distance = editDistance(word, Array(candidate), limit: allowed)
            if distance <= allowed { scored.append((candidate, distance)) }
        }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                rowMinimum = min(rowMinimum, current[j])
            }
            // Distances never shrink from one row to the next, so a row beyond the limit ends the search.
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `did you mean 'count'?`, or nothing when no name is close.
    static func hint(for name: String, among candidates: some Sequence<String>) -> String {
        let close = closest(to: name, among: candidates)
        guard !close.isEmpty else { return "" }
        return " (did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?)"
    }
}
