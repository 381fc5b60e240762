import WaakvlamCore
import WaakvlamRules
import Yams

/// Reads `rules.yaml`: life-domains, signal types, the arrears policy and the stoplight policy.
public enum RulesLoader {
    /// Reads and parses the rules file at `path`.
    public static func load(path: String) -> Result<StoplightPolicy, ConfigurationError> {
        guard let text = ConfigurationLoader.readText(path) else {
            return .failure(ConfigurationError(diagnostics: [ConfigDiagnostic(file: path, line: 1, column: 1, message: "cannot read the rules file")]))
        }
        return parse(text, file: path)
    }

    /// Parses rules from `text`; `file` names the file in diagnostics.
    public static func parse(_ text: String, file: String) -> Result<StoplightPolicy, ConfigurationError> {
        let collector = DiagnosticCollector(file: file)
        guard let root = collector.compose(text) else {
            if collector.diagnostics.isEmpty { collector.report(line: 1, column: 1, "the rules file is empty") }
            return .failure(ConfigurationError(diagnostics: collector.diagnostics))
        }
        guard var top = MappingReader(root, collector: collector, context: "the rules file") else {
            return .failure(ConfigurationError(diagnostics: collector.diagnostics))
        }
        // Only version 1 exists; the range check reports any other.
        _ = top.integer("version", in: 1...1, required: true)
        let domains = readDomains(&top, collector)
        let types = readSignalTypes(&top, domains: domains, collector)
        let arrears = readArrears(&top, types: types, collector)
        let policyReader = PolicyReader(collector: collector, knownTypes: Set(types.keys), lines: text.split(separator: "\n", omittingEmptySubsequences: false))
        let scoring = policyReader.scoring(&top)
        let levels = policyReader.levels(&top)
        let aftercare = policyReader.aftercare(&top)
        let buildings = policyReader.buildings(&top)
        let rules = policyReader.rules(&top)
        top.finish()
        guard collector.diagnostics.isEmpty, let arrears else {
            return .failure(ConfigurationError(diagnostics: collector.diagnostics))
        }
        let ruleSet = RuleSet(signalTypes: types, domains: domains, arrears: arrears)
        return .success(StoplightPolicy(ruleSet: ruleSet, scoring: scoring, levels: levels, rules: rules, aftercare: aftercare, buildings: buildings))
    }

    private static func readDomains(_ top: inout MappingReader, _ collector: DiagnosticCollector) -> [String] {
        guard let node = top.value("domains", required: true), var reader = MappingReader(node, collector: collector, context: "'domains'") else { return [] }
        var domains: [String] = []
        for (key, value) in reader.all() {
            guard let name = key.string, isCode(name) else {
                collector.report(key, "a domain name must be lower-case letters, digits, '_' or '-'")
                continue
            }
            if value.string == nil || value.scalar == nil {
                collector.report(value, "domain '\(name)' needs a short description as text")
            }
            domains.append(name)
        }
        return domains
    }

    private static func readSignalTypes(_ top: inout MappingReader, domains: [String], _ collector: DiagnosticCollector) -> [String: SignalType] {
        guard let node = top.value("signal_types", required: true),
              var reader = MappingReader(node, collector: collector, context: "'signal_types'") else { return [:] }
        var types: [String: SignalType] = [:]
        for (key, value) in reader.all() {
            guard let code = key.string, isSignalCode(code) else {
                collector.report(key, "a signal type code is lower-case words joined by '.', e.g. overlast.geluid")
                continue
            }
            guard var fields = MappingReader(value, collector: collector, context: "signal type '\(code)'") else { continue }
            let familyNode = fields.value("family", required: true)
            let family = familyNode.flatMap { $0.string.flatMap(SignalFamily.init(rawValue:)) }
            if let familyNode, family == nil {
                collector.report(familyNode, "family must be one of \(SignalFamily.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let domainNode = fields.value("domain", required: true)
            let domain = domainNode?.string
            if let domainNode, let domain, !domains.contains(domain) {
                collector.report(domainNode, "domain '\(domain)' is not listed under 'domains'")
            } else if let domainNode, domain == nil {
                // Not a text (a list, a mapping): without this the type would vanish without a word.
                collector.report(domainNode, "domain must be one of the names listed under 'domains'")
            }
            let weight = fields.number("weight", in: -100...100, required: true)
            let halfLife = fields.timeSpan("half_life", atLeast: 3_600, required: true)
            let description = fields.string("description") ?? ""
            fields.finish()
            if let family, let domain, let weight, let halfLife {
                if family == .positive, weight > 0 {
                    collector.report(value, "positive signal type '\(code)' must have a weight of 0 or less: it lowers concern")
                }
                types[code] = SignalType(code: code, family: family, domain: domain, weight: weight, halfLife: halfLife, description: description)
            }
        }
        return types
    }

    private static func readArrears(_ top: inout MappingReader, types: [String: SignalType], _ collector: DiagnosticCollector) -> ArrearsPolicy? {
        guard let node = top.value("arrears", required: true),
              var reader = MappingReader(node, collector: collector, context: "'arrears'") else { return nil }
        let window = reader.timeSpan("repeat_window", atLeast: 86_400, required: true)
        var closers: Set<String> = []
        for (code, item) in reader.strings("closed_by") ?? [] {
            if types[code] == nil { collector.report(item, "unknown signal type '\(code)' in 'closed_by'") }
            closers.insert(code)
        }
        reader.finish()
        guard let window else { return nil }
        return ArrearsPolicy(repeatWindow: window, closedBy: closers)
    }

    static func isCode(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    static func isSignalCode(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { isCode(String($0)) }
    }
}
