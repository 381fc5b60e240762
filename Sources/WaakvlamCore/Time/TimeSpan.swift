/// A length of time in whole seconds, written in configuration as `90d`, `2w`, `12h`, `30m` or `45s`.
public struct TimeSpan: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in seconds.
    public var seconds: Int64

    /// Creates a span of `seconds`.
    public init(seconds: Int64) { self.seconds = seconds }

    /// A span of whole days.
    public static func days(_ days: Int64) -> TimeSpan { TimeSpan(seconds: days * 86_400) }

    private static let units: [(Character, Int64)] = [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]

    /// Parses `90d` and friends; nil for anything else (no sign, no fractions, one unit).
    public init?(parsing text: String) {
        guard let unitCharacter = text.last,
              let unit = Self.units.first(where: { $0.0 == unitCharacter })?.1 else { return nil }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCIIDigit),
              let value = Int64(digits) else { return nil }
        self.seconds = value * unit
    }

    /// The span written the way configuration writes it, in the largest whole unit.
    public var description: String {
        for (character, unit) in Self.units where seconds != 0 && seconds % unit == 0 {
            return "\(seconds / unit)\(character)"
        }
        return "\(seconds)s"
    }

    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.seconds < rhs.seconds }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 48 && $0 <= 57 } ?? false }
}
