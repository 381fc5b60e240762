import Testing
import WaakvlamRules

/// One rejected condition with where and why it must fail.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var text: String
    var kind: ConditionError.Kind
    var line: Int
    var column: Int
    /// A fragment the message must contain, so hints stay helpful.
    var mentions: String

    init(_ text: String, _ kind: ConditionError.Kind, _ line: Int, _ column: Int, mentions: String = "") {
        self.text = text
        self.kind = kind
        self.line = line
        self.column = column
        self.mentions = mentions
    }

    var testDescription: String { "\(kind): \(text.debugDescription)" }
}

@Suite("Condition errors")
struct ConditionErrorTests {
    static let cases: [ErrorCase] = [
        ErrorCase("count(nuisance, 30d) >= 1 @", .unexpectedCharacter, 1, 27, mentions: "'@'"),
        ErrorCase("feud() && minors() > 0", .unexpectedCharacter, 1, 8, mentions: "write 'and'"),
        ErrorCase("feud() || aftercare()", .unexpectedCharacter, 1, 8, mentions: "write 'or'"),
        ErrorCase("score() = 6", .unexpectedCharacter, 1, 9, mentions: "'=='"),
        ErrorCase("!feud()", .unexpectedCharacter, 1, 1, mentions: "'not'"),
        ErrorCase("feud() AND aftercare()", .unexpectedCharacter, 1, 8, mentions: "write 'and'"),
        ErrorCase("count(overlast., 30d) > 1", .unexpectedCharacter, 1, 15),
        ErrorCase("score() > -1", .unexpectedCharacter, 1, 11),
        ErrorCase("feud()\u{7}", .unexpectedCharacter, 1, 7, mentions: "U+0007"),
        ErrorCase("", .emptyCondition, 1, 1),
        ErrorCase("  \n\t ", .emptyCondition, 1, 1),
        ErrorCase("count(nuisance, 30d) >=", .unexpectedEnd, 1, 24),
        ErrorCase("(feud() or aftercare()", .unexpectedEnd, 1, 23, mentions: "')'"),
        ErrorCase("count(nuisance,", .unexpectedEnd, 1, 16),
        ErrorCase("not", .unexpectedEnd, 1, 4),
        ErrorCase("(feud() or aftercare() minors()", .unexpectedToken, 1, 24, mentions: "')'"),
        ErrorCase("count(nuisance 30d) >= 1", .unexpectedToken, 1, 16),
        ErrorCase("count(nuisance, ) >= 1", .unexpectedToken, 1, 17),
        ErrorCase("feud() and or aftercare()", .unexpectedToken, 1, 12),
        ErrorCase("nuisance >= 3", .unexpectedToken, 1, 1),
        ErrorCase("feud and aftercare()", .unexpectedToken, 1, 6, mentions: "'('"),
        ErrorCase("feud() aftercare()", .trailingInput, 1, 8),
        ErrorCase("feud())", .trailingInput, 1, 7),
        ErrorCase("cout(nuisance, 30d) >= 1", .unknownFunction, 1, 1, mentions: "did you mean 'count'"),
        ErrorCase("minors() > 0 and sore() > 1", .unknownFunction, 1, 18, mentions: "known: count, reporters, days_overdue"),
        ErrorCase("count(nuisance) >= 1", .wrongArgumentCount, 1, 15, mentions: "count(selector, window)"),
        ErrorCase("count(nuisance, 30d, 5) >= 1", .wrongArgumentCount, 1, 22),
        ErrorCase("score(nuisance) > 1", .wrongArgumentCount, 1, 7),
        ErrorCase("origin()", .wrongArgumentCount, 1, 8),
        ErrorCase("count(30d, nuisance) > 1", .wrongArgumentKind, 1, 7, mentions: "selector"),
        ErrorCase("count(nuisance, 30) > 1", .wrongArgumentKind, 1, 17, mentions: "'30d'"),
        ErrorCase("origin(30d)", .wrongArgumentKind, 1, 8),
        ErrorCase("days_since(true) > 1", .wrongArgumentKind, 1, 12),
        ErrorCase("count(overlast.gluid, 30d) > 1", .unknownSelector, 1, 7, mentions: "did you mean 'overlast.geluid'"),
        ErrorCase("count(foo.*, 30d) >= 1", .unknownSelector, 1, 7, mentions: "'foo.'"),
        ErrorCase("days_since(unknownfamily) > 3", .unknownSelector, 1, 12, mentions: "a family"),
        ErrorCase("count(overlast.geluid.*, 30d) > 1", .unknownSelector, 1, 7),
        ErrorCase("origin(bw, zorghotel)", .unknownValue, 1, 12, mentions: "known: bw, mo, kliniek, jeugdzorg, regulier"),
        ErrorCase("support(veel)", .unknownValue, 1, 9, mentions: "geen"),
        ErrorCase("score() > 1.2.3", .malformedNumber, 1, 11, mentions: "'1.2.3'"),
        ErrorCase("count(nuisance, 30dd) > 1", .malformedNumber, 1, 17, mentions: "'30dd'"),
        ErrorCase("count(nuisance, 2.5d) > 1", .malformedNumber, 1, 17),
        ErrorCase("score() > 1.", .malformedNumber, 1, 11),
        ErrorCase("count(nuisance, 1234567890d) > 1", .numberOutOfRange, 1, 17),
        ErrorCase("score() > 1234567890123456", .numberOutOfRange, 1, 11),
        ErrorCase("count(nuisance, 0d) > 1", .numberOutOfRange, 1, 17),
        ErrorCase("feud() > 1", .typeMismatch, 1, 1, mentions: "compares numbers"),
        ErrorCase("score() and feud()", .typeMismatch, 1, 1),
        ErrorCase("feud() and score()", .typeMismatch, 1, 12),
        ErrorCase("not score()", .typeMismatch, 1, 5),
        ErrorCase("count(nuisance, 30d)", .typeMismatch, 1, 1, mentions: "must be true or false"),
        ErrorCase("60", .typeMismatch, 1, 1),
        ErrorCase("90d", .typeMismatch, 1, 1, mentions: "function argument"),
        ErrorCase("score() >= 30d", .typeMismatch, 1, 12),
        ErrorCase("feud() == aftercare()", .typeMismatch, 1, 1),
        ErrorCase("1 < score() < 3", .chainedComparison, 1, 13),
        ErrorCase(String(repeating: "(", count: 100) + "feud()" + String(repeating: ")", count: 100), .nestingTooDeep, 1, 65),
        ErrorCase(String(repeating: "not ", count: 100) + "feud()", .nestingTooDeep, 1, 257),
        ErrorCase(Array(repeating: "feud()", count: 300).joined(separator: " or "), .nestingTooDeep, 1, 255 * 10 + 8),
        // Multi-line: positions are counted within the condition text.
        ErrorCase("feud()\n  and cout(nuisance, 1d) > 1", .unknownFunction, 2, 7),
        ErrorCase("score() >= 6 and\n\tdomains(nuisance) >= 3", .wrongArgumentCount, 2, 10),
        ErrorCase("count(nuisance, 30d) >= 1\nand\n", .unexpectedEnd, 2, 4),
        ErrorCase("reporters(nuisance, 90d) >= 3\n  or (count(veiligheid.*, 14d) >= 1\n      and not feud())\n  )", .trailingInput, 4, 3),
        ErrorCase("score()\r\n  > 1 @", .unexpectedCharacter, 2, 7),
    ]

    @Test("given a broken condition, when parsed, then the error has the expected kind, line, column and hint", arguments: cases)
    func rejected(example: ErrorCase) throws {
        let error = try #require(parseError(example.text))
        #expect(error.kind == example.kind, "\(error)")
        #expect(error.line == example.line, "\(error)")
        #expect(error.column == example.column, "\(error)")
        #expect(example.mentions.isEmpty || error.message.contains(example.mentions), "\(error)")
        #expect(error.description == "line \(example.line), column \(example.column): \(error.message)")
    }

    @Test("given the catalogue of error kinds, when compared with the cases, then every kind is tested")
    func everyKindTested() {
        let tested = Set(Self.cases.map(\.kind))
        #expect(tested == Set(ConditionError.Kind.allCases))
    }
}
