import Foundation
import WaakvlamCore
import Yams

/// Reads one YAML mapping key by key and reports every key nobody asked for.
///
/// Unknown keys are errors, not silently ignored: a misspelt `half_lfie`
/// must not quietly fall back to a default.
struct MappingReader {
    private let node: Node
    private let entries: [(key: Node, value: Node)]
    private var used: Set<String> = []
    private let collector: DiagnosticCollector
    private let context: String

    /// Reads `node` as a mapping; reports and returns nil when it is something else.
    init?(_ node: Node, collector: DiagnosticCollector, context: String) {
        guard let mapping = node.mapping else {
            collector.report(node, "\(context) must be a mapping of keys to values")
            return nil
        }
        self.node = node
        self.entries = mapping.map { ($0.key, $0.value) }
        self.collector = collector
        self.context = context
    }

    /// Every entry, marking all keys as used.
    mutating func all() -> [(key: Node, value: Node)] {
        for entry in entries { used.insert(entry.key.string ?? "") }
        return entries
    }

    /// The value of `key`, or nil (reported when `required`).
    mutating func value(_ key: String, required: Bool = false) -> Node? {
        used.insert(key)
        if let entry = entries.first(where: { $0.key.string == key }) {
            // `key:`, `key: ~` and `key: null` say nothing; a required key still needs a value.
            guard entry.value.null == nil else {
                if required { collector.report(entry.value, "'\(key)' has no value") }
                return nil
            }
            return entry.value
        }
        if required { collector.report(node, "\(context) is missing required key '\(key)'") }
        return nil
    }

    /// A string value; reports a value of another shape.
    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard value.scalar != nil, let text = value.string, !text.isEmpty else {
            collector.report(value, "'\(key)' must be a non-empty text")
            return nil
        }
        return text
    }

    /// A whole number in `range`; reports anything else.
    mutating func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = false) -> Int? {
        guard let value = value(key, required: required) else { return nil }
        guard value.scalar != nil, let number = value.int, range.contains(number) else {
            collector.report(value, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    /// A number in `range`; reports anything else.
    mutating func number(_ key: String, in range: ClosedRange<Double>, required: Bool = false) -> Double? {
        guard let value = value(key, required: required) else { return nil }
        guard value.scalar != nil, let number = value.float, number.isFinite, range.contains(number) else {
            collector.report(value, "'\(key)' must be a number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    /// A duration written as `90d`, `2w`, `12h`, `30m` or `45s`; reports anything else.
    mutating func timeSpan(_ key: String, atLeast minimum: Int64 = 1, required: Bool = false) -> TimeSpan? {
        guard let value = value(key, required: required) else { return nil }
        guard value.scalar != nil, let text = value.string, let span = TimeSpan(parsing: text), span.seconds >= minimum else {
            collector.report(value, "'\(key)' must be a duration such as 90d, 2w, 12h, 30m or 45s (at least \(minimum)s)")
            return nil
        }
        return span
    }

    /// A list of texts; reports anything else.
    mutating func strings(_ key: String) -> [(String, Node)]? {
        guard let value = value(key) else { return nil }
        guard let sequence = value.sequence else {
            collector.report(value, "'\(key)' must be a list")
            return nil
        }
        var result: [(String, Node)] = []
        for item in sequence {
            guard item.scalar != nil, let text = item.string, !text.isEmpty else {
                collector.report(item, "each entry of '\(key)' must be a non-empty text")
                continue
            }
            result.append((text, item))
        }
        return result
    }

    /// Reports every key that was never asked for.
    func finish() {
        for entry in entries {
            let name = entry.key.string ?? "?"
            if !used.contains(name) {
                collector.report(entry.key, "unknown key '\(name)' in \(context)")
            }
        }
    }
}
