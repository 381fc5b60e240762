/// Writes numbers the way conditions write them: `60`, `2.5`, `0.00001`, never `60.0` or `1e-05`.
enum NumberText {
    /// The shortest text that reads back as `value` in the condition language (for finite, non-negative values).
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return expandExponent("\(value)")
    }

    // Swift prints very small and very large doubles as `1.5e-07`; the language has no
    // exponents, so move the decimal point instead.
    private static func expandExponent(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(text[text.index(after: e)...]) else { return text }
        var mantissa = String(text[..<e])
        let sign = mantissa.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { mantissa.removeFirst() }
        let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        let digits = Array(mantissa.filter { $0 != "." })
        let newPoint = point + exponent
        let body: String
        if newPoint <= 0 {
            body = "0." + String(repeating: "0", count: -newPoint) + String(digits)
        } else if newPoint >= digits.count {
            body = String(digits) + String(repeating: "0", count: newPoint - digits.count)
        } else {
            body = String(digits[..<newPoint]) + "." + String(digits[newPoint...])
        }
        return sign + body
    }
}
