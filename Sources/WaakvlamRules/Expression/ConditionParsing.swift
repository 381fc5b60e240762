/// One run of the recursive-descent parser over one condition text; checks types as it builds.
struct ConditionParsing {
    /// Far beyond any real rule, and low enough that parsing and evaluation recursion stay shallow on any thread.
    static let nestingLimit = 64
    static let depthLimit = 256

    var lexer: ConditionLexer
    /// The token being looked at; the parser reads one token ahead.
    var current: ConditionToken
    let catalogue: SignalCatalogue
    var nodes: [ConditionNode] = []
    var calls: [FunctionCall] = []
    var callIndices: [FunctionCall: Int] = [:]
    private var nesting = 0
    private let text: String

    init(text: String, catalogue: SignalCatalogue) throws(ConditionError) {
        self.text = text
        self.catalogue = catalogue
        lexer = ConditionLexer(text)
        current = try lexer.next()
    }

    /// The whole condition: one boolean expression and nothing after it.
    mutating func condition() throws(ConditionError) -> Condition {
        guard current.kind != .end else {
            throw ConditionError(.emptyCondition, at: .start, "the condition is empty")
        }
        let whole = try disjunction()
        guard current.kind == .end else {
            throw ConditionError(.trailingInput, at: current.position,
                                 "unexpected \(current.quoted) after a complete condition; join conditions with 'and' or 'or'")
        }
        guard case .boolean(let root) = whole.value else {
            let quoted = quote(whole)
            throw ConditionError(.typeMismatch, at: whole.first.position,
                                 "a condition must be true or false, but '\(quoted)' is a number; compare it, as in '\(quoted) >= 1'")
        }
        return Condition(text: text, calls: calls, nodes: nodes, root: root)
    }

    mutating func advance() throws(ConditionError) {
        current = try lexer.next()
    }

    private mutating func disjunction() throws(ConditionError) -> Operand {
        var left = try conjunction()
        while current.kind == .or {
            let operatorToken = current
            let leftNode = try requireBoolean(left, for: "or")
            try advance()
            let right = try conjunction()
            left = try append(.or(leftNode, try requireBoolean(right, for: "or")), from: left, to: right, at: operatorToken)
        }
        return left
    }

    private mutating func conjunction() throws(ConditionError) -> Operand {
        var left = try negation()
        while current.kind == .and {
            let operatorToken = current
            let leftNode = try requireBoolean(left, for: "and")
            try advance()
            let right = try negation()
            left = try append(.and(leftNode, try requireBoolean(right, for: "and")), from: left, to: right, at: operatorToken)
        }
        return left
    }

    private mutating func negation() throws(ConditionError) -> Operand {
        guard current.kind == .not else { return try comparison() }
        let notToken = current
        try enterNesting(at: notToken)
        try advance()
        let operand = try negation()
        nesting -= 1
        var result = try append(.not(try requireBoolean(operand, for: "not")), from: operand, to: operand, at: notToken)
        result.first = notToken
        return result
    }

    private mutating func comparison() throws(ConditionError) -> Operand {
        let left = try primary()
        guard case .comparison(let comparison) = current.kind else { return left }
        let operatorToken = current
        let leftNumber = try requireNumber(left, for: comparison)
        try advance()
        let right = try primary()
        let rightNumber = try requireNumber(right, for: comparison)
        if case .comparison = current.kind {
            throw ConditionError(.chainedComparison, at: current.position,
                                 "comparisons do not chain; write 'a < b and b < c' instead of 'a < b < c'")
        }
        return try append(.compare(comparison, leftNumber, rightNumber), from: left, to: right, at: operatorToken)
    }

    private mutating func primary() throws(ConditionError) -> Operand {
        let token = current
        switch token.kind {
        case .number(let value):
            try advance()
            return Operand(value: .number(.constant(value)), first: token, end: token.end, depth: 0)
        case .duration:
            throw ConditionError(.typeMismatch, at: token.position,
                                 "a duration such as '\(token.text)' can only be a function argument, as in 'count(nuisance, \(token.text))'")
        case .true, .false:
            try advance()
            nodes.append(.constant(token.kind == .true))
            return Operand(value: .boolean(nodes.count - 1), first: token, end: token.end, depth: 1)
        case .leftParen:
            try enterNesting(at: token)
            try advance()
            var inner = try disjunction()
            let close = try expect(.rightParen, "')' to close the '(' at line \(token.position.line), column \(token.position.column)")
            nesting -= 1
            inner.first = token
            inner.end = close.end
            return inner
        case .name:
            return try call()
        default:
            throw expected("a number, 'true', 'false', '(' or a function call")
        }
    }

    /// Consumes a token of `kind`, or reports what was expected instead.
    mutating func expect(_ kind: ConditionToken.Kind, _ description: String) throws(ConditionError) -> ConditionToken {
        guard current.kind == kind else { throw expected(description) }
        let token = current
        try advance()
        return token
    }

    /// `expected X but found Y`, or an unexpected end when the text stopped.
    func expected(_ description: String) -> ConditionError {
        if current.kind == .end {
            return ConditionError(.unexpectedEnd, at: current.position, "expected \(description), but the condition ended")
        }
        return ConditionError(.unexpectedToken, at: current.position, "expected \(description), but found \(current.quoted)")
    }

    /// The operand's source text, shortened so a long sub-expression does not swamp the message.
    func quote(_ operand: Operand) -> String {
        let text = lexer.source(from: operand.first.start, to: operand.end)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return text.count > 40 ? String(text.prefix(37)) + "..." : text
    }

    private mutating func enterNesting(at token: ConditionToken) throws(ConditionError) {
        nesting += 1
        if nesting > Self.nestingLimit {
            throw ConditionError(.nestingTooDeep, at: token.position, "the condition nests deeper than \(Self.nestingLimit) levels")
        }
    }

    private mutating func append(_ node: ConditionNode, from left: Operand, to right: Operand, at token: ConditionToken) throws(ConditionError) -> Operand {
        let depth = max(left.depth, right.depth) + 1
        if depth > Self.depthLimit {
            throw ConditionError(.nestingTooDeep, at: token.position, "the condition has more than \(Self.depthLimit) levels of operators; split it into several rules")
        }
        nodes.append(node)
        return Operand(value: .boolean(nodes.count - 1), first: left.first, end: right.end, depth: depth)
    }

    private func requireBoolean(_ operand: Operand, for keyword: String) throws(ConditionError) -> Int {
        guard case .boolean(let node) = operand.value else {
            throw ConditionError(.typeMismatch, at: operand.first.position,
                                 "'\(keyword)' needs true or false, but '\(quote(operand))' is \(operand.typeName); compare it, as in '\(quote(operand)) >= 1'")
        }
        return node
    }

    private func requireNumber(_ operand: Operand, for comparison: ComparisonOperator) throws(ConditionError) -> NumberOperand {
        guard case .number(let number) = operand.value else {
            throw ConditionError(.typeMismatch, at: operand.first.position,
                                 "'\(comparison.rawValue)' compares numbers, but '\(quote(operand))' is \(operand.typeName)")
        }
        return number
    }
}
