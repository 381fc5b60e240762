import WaakvlamCore

/// The signal types a rule set knows, answering which selectors name something real.
struct SignalCatalogue: Sendable {
    /// Every known type code.
    let codes: Set<String>
    /// Every part of a known code before one of its dots (`a` and `a.b` for `a.b.c`), so `p.*` is checked by one lookup.
    let prefixes: Set<String>

    init(codes: Set<String>) {
        self.codes = codes
        var prefixes: Set<String> = []
        for code in codes {
            for index in code.indices where code[index] == "." {
                prefixes.insert(String(code[..<index]))
            }
        }
        self.prefixes = prefixes
    }

    /// The selector `name` denotes, or nil when it names nothing known.
    ///
    /// A family name wins over a type code of the same spelling, because families are the
    /// language's fixed vocabulary and codes come and go with rules.yaml.
    func selector(named name: String) -> SignalSelector? {
        if name.hasSuffix(".*") {
            let prefix = String(name.dropLast(2))
            return prefixes.contains(prefix) ? .prefix(prefix) : nil
        }
        if let family = SignalFamily(rawValue: name) { return .family(family) }
        return codes.contains(name) ? .type(name) : nil
    }

    /// Why `name` is not a selector, with the nearest known names.
    func unknownMessage(for name: String) -> String {
        if name.hasSuffix(".*") {
            let prefix = String(name.dropLast(2))
            return "no known signal type starts with '\(prefix).'" + NameSuggestions.hint(for: prefix, among: prefixes)
        }
        let families = SignalFamily.allCases.map(\.rawValue)
        if name.contains(".") {
            return "unknown signal type '\(name)'" + NameSuggestions.hint(for: name, among: codes)
        }
        return "unknown selector '\(name)'" + NameSuggestions.hint(for: name, among: families + codes.sorted())
            + "; a selector is a family (\(families.joined(separator: ", "))), a signal type code, or a prefix such as 'overlast.*'"
    }
}
