import WaakvlamCore

/// Splits a condition into tokens on demand, so the first problem in reading order is the one reported.
struct ConditionLexer {
    /// The condition's characters; columns count these.
    let characters: [Character]
    private var offset = 0
    private var position = SourcePosition.start
    /// Where the last token ended: the end token sits here, so a trailing newline does not move errors to a new line.
    private var afterLastToken = SourcePosition.start

    init(_ text: String) {
        characters = Array(text)
    }

    /// The source between two character offsets, for quoting operands.
    func source(from start: Int, to end: Int) -> String {
        String(characters[start..<end])
    }

    /// The next token, or `.end` at the end of the text.
    mutating func next() throws(ConditionError) -> ConditionToken {
        while offset < characters.count, characters[offset].isWhitespace { advance() }
        guard offset < characters.count else {
            return ConditionToken(kind: .end, text: "", position: afterLastToken, start: offset, end: offset)
        }
        let start = offset
        let startPosition = position
        let kind = try readToken()
        afterLastToken = position
        return ConditionToken(kind: kind, text: String(characters[start..<offset]), position: startPosition, start: start, end: offset)
    }

    private func peek(_ ahead: Int = 0) -> Character? {
        offset + ahead < characters.count ? characters[offset + ahead] : nil
    }

    private mutating func advance() {
        if characters[offset].isNewline {
            position.line += 1
            position.column = 1
        } else {
            position.column += 1
        }
        offset += 1
    }

    private mutating func readToken() throws(ConditionError) -> ConditionToken.Kind {
        let character = characters[offset]
        if character.isConditionDigit { return try readNumber() }
        if character.isConditionLetter { return try readName() }
        if let symbol = try readSymbol(character) { return symbol }
        throw unexpected(character, hint: nil)
    }

    private mutating func readSymbol(_ character: Character) throws(ConditionError) -> ConditionToken.Kind? {
        let next = peek(1)
        let twoCharacter: ComparisonOperator? = switch (character, next) {
        case ("<", "="): .lessOrEqual
        case (">", "="): .greaterOrEqual
        case ("=", "="): .equal
        case ("!", "="): .notEqual
        default: nil
        }
        if let twoCharacter {
            advance()
            advance()
            return .comparison(twoCharacter)
        }
        let kind: ConditionToken.Kind
        switch character {
        case "(": kind = .leftParen
        case ")": kind = .rightParen
        case ",": kind = .comma
        case "<": kind = .comparison(.less)
        case ">": kind = .comparison(.greater)
        // The usual slips from other languages get a hint instead of a bare "unexpected".
        case "&": throw unexpected(character, hint: "write 'and'")
        case "|": throw unexpected(character, hint: "write 'or'")
        case "!": throw unexpected(character, hint: "write 'not', or '!=' to compare")
        case "=": throw unexpected(character, hint: next == "<" ? "write '<='" : next == ">" ? "write '>='" : "write '==' to compare")
        case "\"", "'": throw unexpected(character, hint: "names are written without quotes")
        case "-": throw unexpected(character, hint: "numbers cannot be negative")
        default: return nil
        }
        advance()
        return kind
    }

    /// Digits, optionally `.digits`; digits directly followed by one of `wdhms` make a duration.
    private mutating func readNumber() throws(ConditionError) -> ConditionToken.Kind {
        let start = offset
        let startPosition = position
        while peek()?.isConditionDigit == true { advance() }
        var isDecimal = false
        if peek() == ".", peek(1)?.isConditionDigit == true {
            isDecimal = true
            advance()
            while peek()?.isConditionDigit == true { advance() }
        }
        var unit: Character?
        if let next = peek(), !isDecimal, "wdhms".contains(next), !(peek(1).map(Self.continuesNumber) ?? false) {
            unit = next
            advance()
        }
        if peek().map(Self.continuesNumber) ?? false {
            // Read the whole run so the message quotes `1.2.3` or `30dd`, not a fragment.
            while peek().map(Self.continuesNumber) ?? false { advance() }
            let run = String(characters[start..<offset])
            throw ConditionError(.malformedNumber, at: startPosition,
                                 "'\(run)' is not a number or a duration; numbers look like 60 or 2.5, durations like 30d (units w, d, h, m, s)")
        }
        let text = String(characters[start..<offset])
        let digitCount = text.count { $0.isConditionDigit }
        if unit != nil {
            guard digitCount <= 9, let span = TimeSpan(parsing: text) else {
                throw ConditionError(.numberOutOfRange, at: startPosition, "duration '\(text)' is too long; use at most 9 digits")
            }
            return .duration(span)
        }
        // Fifteen digits are exactly representable, so the canonical text reads back to the same value.
        guard digitCount <= 15, let value = Double(text) else {
            throw ConditionError(.numberOutOfRange, at: startPosition, "number '\(text)' has too many digits; use at most 15")
        }
        return .number(value)
    }

    private static func continuesNumber(_ character: Character) -> Bool {
        character.isConditionNameCharacter || character == "."
    }

    /// Segments of letters, digits, `_` and `-` joined by `.`, optionally ending in `.*`.
    private mutating func readName() throws(ConditionError) -> ConditionToken.Kind {
        let start = offset
        let startPosition = position
        while true {
            while peek()?.isConditionNameCharacter == true { advance() }
            guard peek() == "." else { break }
            if peek(1) == "*" {
                advance()
                advance()
                break
            }
            guard peek(1)?.isConditionNameCharacter == true else {
                throw ConditionError(.unexpectedCharacter, at: position, "'.' in a name must be followed by more of the name or by '*'")
            }
            advance()
        }
        let text = String(characters[start..<offset])
        if let upper = text.firstIndex(where: { $0.isUppercase }) {
            // Names never span lines, so the column is a plain offset from the start.
            let column = startPosition.column + text.distance(from: text.startIndex, to: upper)
            throw ConditionError(.unexpectedCharacter, at: SourcePosition(line: startPosition.line, column: column),
                                 "unexpected character '\(text[upper])'; names and keywords are lower case: write '\(text.lowercased())'")
        }
        switch text {
        case "and": return .and
        case "or": return .or
        case "not": return .not
        case "true": return .true
        case "false": return .false
        default: return .name(text)
        }
    }

    private func unexpected(_ character: Character, hint: String?) -> ConditionError {
        let message = "unexpected character \(character.quotedForMessage)" + (hint.map { "; \($0)" } ?? "")
        return ConditionError(.unexpectedCharacter, at: position, message)
    }
}
