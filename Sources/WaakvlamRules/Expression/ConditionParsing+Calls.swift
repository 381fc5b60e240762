import WaakvlamCore

extension ConditionParsing {
    /// `name(arguments)`, with the function, the number of arguments and each argument's kind checked.
    mutating func call() throws(ConditionError) -> Operand {
        let nameToken = current
        let function = RuleFunction(rawValue: nameToken.text)
        try advance()
        guard current.kind == .leftParen else {
            if function != nil { throw expected("'(' after '\(nameToken.text)'") }
            throw ConditionError(.unexpectedToken, at: nameToken.position,
                                 "expected a number, 'true', 'false', '(' or a function call, but found the name '\(nameToken.text)'")
        }
        guard let function else {
            let known = RuleFunction.allCases.map(\.rawValue)
            throw ConditionError(.unknownFunction, at: nameToken.position,
                                 "unknown function '\(nameToken.text)'\(NameSuggestions.hint(for: nameToken.text, among: known)); known: \(known.joined(separator: ", "))")
        }
        try advance()
        var call = FunctionCall(function: function)
        var count = 0
        if current.kind != .rightParen {
            while true {
                try argument(count, of: &call)
                count += 1
                if current.kind == .comma {
                    try advance()
                    continue
                }
                guard current.kind == .rightParen else { throw expected("',' or ')' in the call of \(function.rawValue)") }
                break
            }
        }
        if count < function.parameters.count {
            throw ConditionError(.wrongArgumentCount, at: current.position,
                                 "\(function.rawValue) takes \(arityText(function)), but \(count == 0 ? "none were" : count == 1 ? "1 was" : "\(count) were") given: \(function.signature)")
        }
        let close = current
        try advance()
        let index = intern(call)
        let value: Operand.Value
        let depth: Int
        if function.returnsBoolean {
            nodes.append(.call(index))
            value = .boolean(nodes.count - 1)
            depth = 1
        } else {
            value = .number(.call(index))
            depth = 0
        }
        return Operand(value: value, first: nameToken, end: close.end, depth: depth)
    }

    /// Reads the argument at `index` into `call`, checking that the function takes it and that its kind fits.
    private mutating func argument(_ index: Int, of call: inout FunctionCall) throws(ConditionError) {
        let token = current
        switch token.kind {
        case .name, .duration, .number, .true, .false: break
        default: throw expected("an argument for \(call.function.rawValue)")
        }
        guard let parameter = call.function.parameter(at: index) else {
            throw ConditionError(.wrongArgumentCount, at: token.position,
                                 "\(call.function.rawValue) takes \(arityText(call.function)), but more were given: \(call.function.signature)")
        }
        switch parameter {
        case .selector:
            guard case .name(let name) = token.kind else { throw wrongKind(token, index, call.function, "a selector such as 'nuisance', 'overlast.geluid' or 'overlast.*'") }
            guard let selector = catalogue.selector(named: name) else {
                throw ConditionError(.unknownSelector, at: token.position, catalogue.unknownMessage(for: name))
            }
            call.selector = selector
        case .window:
            guard case .duration(let window) = token.kind else {
                let hint = if case .number = token.kind { "; add a unit, as in '\(token.text)d'" } else { "" }
                throw wrongKind(token, index, call.function, "a window such as '30d'", hint: hint)
            }
            guard window.seconds > 0 else {
                throw ConditionError(.numberOutOfRange, at: token.position, "a window must be longer than zero")
            }
            call.window = window
        case .origin:
            call.origins.append(try value(token, index, call.function, as: Origin.self, named: "origin"))
        case .support:
            call.supports.append(try value(token, index, call.function, as: SupportLevel.self, named: "support level"))
        }
        try advance()
    }

    /// An `origin` or `support` value: one of the enum's raw values.
    private func value<Value: RawRepresentable & CaseIterable>(
        _ token: ConditionToken, _ index: Int, _ function: RuleFunction, as: Value.Type, named noun: String
    ) throws(ConditionError) -> Value where Value.RawValue == String {
        let known = Value.allCases.map(\.rawValue)
        guard case .name(let name) = token.kind else {
            throw wrongKind(token, index, function, "an \(noun) (\(known.joined(separator: ", ")))")
        }
        guard let value = Value(rawValue: name) else {
            throw ConditionError(.unknownValue, at: token.position,
                                 "unknown \(noun) '\(name)'\(NameSuggestions.hint(for: name, among: known)); known: \(known.joined(separator: ", "))")
        }
        return value
    }

    private func wrongKind(_ token: ConditionToken, _ index: Int, _ function: RuleFunction, _ wanted: String, hint: String = "") -> ConditionError {
        let found = switch token.kind {
        case .number: "the number"
        case .duration: "the duration"
        case .name: "the name"
        default: "the boolean"
        }
        return ConditionError(.wrongArgumentKind, at: token.position,
                              "argument \(index + 1) of \(function.rawValue) must be \(wanted), but is \(found) '\(token.text)'\(hint)")
    }

    private func arityText(_ function: RuleFunction) -> String {
        let count = function.parameters.count
        if function.isVariadic { return "one or more arguments" }
        return count == 0 ? "no arguments" : count == 1 ? "1 argument" : "\(count) arguments"
    }

    /// The index of `call` in the condition's call list, adding it the first time it appears.
    private mutating func intern(_ call: FunctionCall) -> Int {
        if let index = callIndices[call] { return index }
        calls.append(call)
        callIndices[call] = calls.count - 1
        return calls.count - 1
    }
}
