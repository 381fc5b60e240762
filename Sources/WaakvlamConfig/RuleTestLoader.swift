import WaakvlamCore
import WaakvlamRules
import Yams

/// Reads a rule test file (`config/tests/*.yaml`): a name, optionally the rules file it tests,
/// and a timeline of steps, each at a moment, that feed a record or expect levels.
///
/// ```yaml
/// name: rent arrears in a household with minor children
/// timeline:
///   - at: 2026-01-05
///     registry: {resident: h1, building: b1, minors: 2}
///   - at: 2026-01-06
///     signal: {type: achterstand.huur, resident: h1, days_overdue: 60, amount: 850}
///   - at: 2026-01-06
///     expect: {h1: red}
/// ```
public enum RuleTestLoader {
    /// A parsed test file.
    public struct Loaded: Sendable {
        /// The scenario to run.
        public var scenario: RuleTestScenario
    }

    /// The rules file a test names with `rules:`, resolved against the test file's directory;
    /// nil when it names none (the configured rules apply) or the file is not readable YAML.
    public static func namedRules(in text: String, file: String) -> String? {
        guard let root = try? Yams.compose(yaml: text), let named = root.mapping?["rules"]?.string, !named.isEmpty else { return nil }
        if named.hasPrefix("/") { return named }
        let directory = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return directory.isEmpty ? named : directory + "/" + named
    }

    /// The levels an expectation may name.
    static let levels = ["green", "amber", "red", "unknown"]

    /// Parses `text`; signals are checked against `rules`, dates read in `calendar`.
    public static func parse(_ text: String, file: String, rules: RuleSet, calendar: LocalCalendar) -> Result<Loaded, ConfigurationError> {
        let collector = DiagnosticCollector(file: file)
        guard let root = collector.compose(text), var top = MappingReader(root, collector: collector, context: "a rule test file") else {
            if collector.diagnostics.isEmpty { collector.report(line: 1, column: 1, "the rule test file is empty") }
            return .failure(ConfigurationError(diagnostics: collector.diagnostics))
        }
        let name = top.string("name", required: true) ?? file
        _ = top.string("rules")   // read by ``namedRules(in:file:)`` before parsing
        var steps: [RuleTestScenario.Step] = []
        if let timeline = top.value("timeline", required: true) {
            if let items = timeline.sequence {
                let reader = StepReader(collector: collector, decoder: FeedRecordDecoder(rules: rules, calendar: calendar, now: .max / 4), calendar: calendar)
                for (index, item) in items.enumerated() { steps += reader.steps(item, number: index + 1) }
            } else {
                collector.report(timeline, "'timeline' must be a list of steps, each with 'at'")
            }
        }
        top.finish()
        guard collector.diagnostics.isEmpty else { return .failure(ConfigurationError(diagnostics: collector.diagnostics)) }
        return .success(Loaded(scenario: RuleTestScenario(file: file, name: name, steps: steps)))
    }

    /// Reads one timeline entry.
    private struct StepReader {
        let collector: DiagnosticCollector
        let decoder: FeedRecordDecoder
        let calendar: LocalCalendar

        func steps(_ node: Node, number: Int) -> [RuleTestScenario.Step] {
            guard var fields = MappingReader(node, collector: collector, context: "timeline step \(number)") else { return [] }
            let atNode = fields.value("at", required: true)
            let actions = ["signal", "registry", "building", "expect"].compactMap { key in fields.value(key).map { (key, $0) } }
            fields.finish()
            guard let atNode else { return [] }
            guard let atText = atNode.string, let moment = Moment(parsing: atText) else {
                collector.report(atNode, "'at' must be a date (2026-01-05) or a date-time with offset (2026-01-05T09:00:00+01:00)")
                return []
            }
            let at = calendar.instant(of: moment)
            guard actions.count == 1, let (key, value) = actions.first else {
                collector.report(node, "a step needs exactly one of signal, registry, building or expect")
                return []
            }
            let line = value.mark?.line ?? node.mark?.line ?? 1
            if key == "expect" { return expectations(value, at: at) }
            guard let record = record(value, key: key, at: atText, number: number) else { return [] }
            switch record {
            case .signal(let signal) where key == "signal": return [.init(moment: at, line: line, action: .signal(signal))]
            case .registry(let registry) where key == "registry": return [.init(moment: at, line: line, action: .registry(registry))]
            case .building(let building) where key == "building": return [.init(moment: at, line: line, action: .building(building))]
            default:
                collector.report(value, "this '\(key)' record reads as another kind of record; check its fields")
                return []
            }
        }

        private func expectations(_ node: Node, at moment: Int64) -> [RuleTestScenario.Step] {
            guard let mapping = node.mapping else {
                collector.report(node, "'expect' maps residents and buildings to levels, e.g. {h1: red, b1: unknown}")
                return []
            }
            var steps: [RuleTestScenario.Step] = []
            for (key, value) in mapping {
                guard let subject = key.string, let level = value.string, RuleTestLoader.levels.contains(level) else {
                    collector.report(value, "an expected level is one of \(RuleTestLoader.levels.joined(separator: ", "))")
                    continue
                }
                steps.append(.init(moment: moment, line: key.mark?.line ?? 1, action: .expect(subject: subject, level: level)))
            }
            return steps
        }

        private func record(_ node: Node, key: String, at: String, number: Int) -> FeedRecord? {
            guard let mapping = node.mapping else {
                collector.report(node, "'\(key)' must be a mapping of feed fields to values")
                return nil
            }
            var values = FieldValues()
            for (fieldNode, valueNode) in mapping {
                guard let name = fieldNode.string, let field = FeedField(name: name) else {
                    collector.report(fieldNode, "unknown feed field '\(fieldNode.string ?? "?")'")
                    return nil
                }
                guard valueNode.scalar != nil, let text = valueNode.string else {
                    collector.report(valueNode, "'\(name)' must be a single value")
                    return nil
                }
                values[field] = text
            }
            if key == "signal" {
                // Tests need not invent sources and ids; the step's moment is the default date.
                if !values.has(.source) { values[.source] = "test" }
                if !values.has(.id) { values[.id] = "step-\(number)" }
                if !values.has(.occurredAt) { values[.occurredAt] = at }
            }
            switch decoder.decode(values) {
            case .success(let record): return record
            case .failure(let error):
                collector.report(node, error.description)
                return nil
            }
        }
    }
}
