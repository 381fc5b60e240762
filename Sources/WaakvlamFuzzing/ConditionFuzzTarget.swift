import WaakvlamRules

/// A rule condition through ``ConditionParser`` (syntax and type checks), then evaluation.
///
/// Properties: no trap; an accepted condition evaluates, traces every call and parses again
/// from its description to an equal condition; a refused one has a message and a position
/// inside the text; parsing twice gives the same answer.
public struct ConditionFuzzTarget: FuzzTarget {
    public var name: String { "condition" }

    static let parser = ConditionParser(knownTypes: [
        "overlast.geluid", "overlast.agressie", "achterstand.huur", "waarneming.hennep", "zorg.niet_binnengelaten",
        "zorg.medicatie_gestopt", "veiligheid.politie", "positief.contact",
    ])

    /// Every call answers the same, so accepted conditions can be evaluated.
    struct Facts: ConditionFacts {
        func number(_ call: FunctionCall) -> Double { 3 }
        func truth(_ call: FunctionCall) -> Bool { true }
    }

    /// The rule-condition parser's target.
    public init() {}

    public var dictionary: [[UInt8]] {
        ["(", ")", ",", "and", "or", "not", "true", "false", " and ", " or ", "not ", ">=", "<=", "==", "!=", "<", ">",
         "count(", "score()", "domains()", "feud()", "minors()", "origin(", "reporters(", "days_overdue(", "bw", "mo",
         "arrears", "nuisance", "care", "overlast.*", "overlast.geluid", "veiligheid.*", "30d", "4w", "0d", "2.5", "1e9",
         "99999999999999999999999", "1234567890d", ".5", "5.", "--1", "_x", "\t", "\u{0}", "\u{7F}"].map { Array($0.utf8) }
    }

    public var generatedInputs: [[UInt8]] {
        [
            HostileInputs.repeated("(", 100_000) + Array("true".utf8) + HostileInputs.repeated(")", 100_000),
            HostileInputs.repeated("not ", 50_000) + Array("true".utf8),
            Array("true".utf8) + HostileInputs.repeated(" and true", 20_000),
            Array("score() >= ".utf8) + HostileInputs.repeated("9", 5_000),
            Array("count(overlast.geluid, ".utf8) + HostileInputs.repeated("9", 400) + Array("d) >= 1".utf8),
            HostileInputs.repeated("count(", 10_000),
            HostileInputs.repeated("\n", 1_000) + Array("score(".utf8),
            [0xFF, 0xFE, 0x00, 0xC3],
        ]
    }

    public func check(_ input: [UInt8]) -> [String] {
        let text = String(decoding: input, as: UTF8.self)
        let first = Self.outcome(text)
        guard first == Self.outcome(text) else { return ["two parses of the same text differ"] }
        switch first {
        case .success(let condition):
            var broken: [String] = []
            _ = condition.evaluate(Facts())
            if condition.trace(Facts()).count != condition.calls.count { broken.append("the trace misses calls") }
            if (try? Self.parser.parse(condition.description)) != condition { broken.append("'\(condition.description)' does not parse back to the same condition") }
            return broken
        case .failure(let error):
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            if error.message.isEmpty { return ["an error without a message"] }
            guard error.line >= 1, error.line <= max(lines.count, 1) else { return ["error line \(error.line) outside the text's \(lines.count) lines"] }
            if error.line <= lines.count, error.column < 1 || error.column > lines[error.line - 1].count + 1 {
                return ["error column \(error.column) outside line \(error.line)"]
            }
            return []
        }
    }

    static func outcome(_ text: String) -> Result<Condition, ConditionError> {
        Result { () throws(ConditionError) in try parser.parse(text) }
    }
}
