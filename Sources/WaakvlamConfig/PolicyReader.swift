import WaakvlamCore
import WaakvlamRules
import Yams

/// Reads the stoplight sections of `rules.yaml`: scoring, levels, aftercare, buildings and named rules.
/// A section left out takes the documented defaults; a key that is present is checked.
struct PolicyReader {
    let collector: DiagnosticCollector
    let knownTypes: Set<String>
    /// The file's lines, to find the indentation of block scalars.
    let lines: [Substring]

    func scoring(_ top: inout MappingReader) -> ScoringPolicy {
        var policy = ScoringPolicy.standard
        guard let node = top.value("scoring"), var reader = MappingReader(node, collector: collector, context: "'scoring'") else { return policy }
        if let value = reader.timeSpan("horizon", atLeast: 86_400) { policy.horizon = value }
        if let value = reader.number("reporter_cap", in: 0...1_000) { policy.reporterCap = value }
        if let value = reader.number("multi_domain_bonus", in: 0...10) { policy.multiDomainBonus = value }
        if let value = reader.number("active_domain_minimum", in: 0...1_000) { policy.activeDomainMinimum = value }
        if let value = reader.timeSpan("feud_window", atLeast: 86_400) { policy.feudWindow = value }
        reader.finish()
        return policy
    }

    func levels(_ top: inout MappingReader) -> LevelPolicy {
        var policy = LevelPolicy.standard
        guard let node = top.value("levels"), var reader = MappingReader(node, collector: collector, context: "'levels'") else { return policy }
        policy.thresholds = thresholds(&reader, node: node, default: policy.thresholds)
        if let value = reader.timeSpan("cool_down", atLeast: 0) { policy.coolDown = value }
        if let value = reader.timeSpan("evaluate_every", atLeast: 60) { policy.evaluateEvery = value }
        reader.finish()
        return policy
    }

    func aftercare(_ top: inout MappingReader) -> AftercarePolicy {
        var policy = AftercarePolicy.standard
        guard let node = top.value("aftercare"), var reader = MappingReader(node, collector: collector, context: "'aftercare'") else { return policy }
        if let value = reader.timeSpan("after_support_ends", atLeast: 0) { policy.afterSupportEnds = value }
        if let value = origins(&reader, "arrival_origins") { policy.arrivalOrigins = value }
        if let value = reader.timeSpan("after_arrival", atLeast: 0) { policy.afterArrival = value }
        if let value = reader.timeSpan("after_recovery", atLeast: 0) { policy.afterRecovery = value }
        if let value = reader.timeSpan("check_in_every", atLeast: 86_400) { policy.checkInEvery = value }
        policy.thresholds = thresholds(&reader, node: node, default: policy.thresholds)
        reader.finish()
        return policy
    }

    func buildings(_ top: inout MappingReader) -> BuildingPolicy {
        var policy = BuildingPolicy.standard
        guard let node = top.value("buildings"), var reader = MappingReader(node, collector: collector, context: "'buildings'") else { return policy }
        if let value = reader.integer("minimum_households", in: 1...10_000) { policy.minimumHouseholds = value }
        if let value = reader.timeSpan("window", atLeast: 86_400) { policy.window = value }
        policy.concernShare = bounds(&reader, "concern_share", default: policy.concernShare, limit: 1)
        policy.nuisancePerDwelling = bounds(&reader, "nuisance_per_dwelling", default: policy.nuisancePerDwelling, limit: 1_000)
        policy.vulnerableShare = bounds(&reader, "vulnerable_share", default: policy.vulnerableShare, limit: 1)
        if let value = origins(&reader, "vulnerable_origins") { policy.vulnerableOrigins = value }
        policy.turnover = bounds(&reader, "turnover", default: policy.turnover, limit: 1)
        if let value = reader.timeSpan("turnover_window", atLeast: 86_400) { policy.turnoverWindow = value }
        reader.finish()
        return policy
    }

    func rules(_ top: inout MappingReader) -> [NamedRule] {
        guard let node = top.value("rules"), var reader = MappingReader(node, collector: collector, context: "'rules'") else { return [] }
        let parser = ConditionParser(knownTypes: knownTypes)
        var rules: [NamedRule] = []
        for (key, value) in reader.all() {
            guard let name = key.string, RulesLoader.isCode(name) else {
                collector.report(key, "a rule name must be lower-case letters, digits, '_' or '-'")
                continue
            }
            guard var fields = MappingReader(value, collector: collector, context: "rule '\(name)'") else { continue }
            let levelNode = fields.value("level", required: true)
            let level = levelNode?.string.flatMap(Level.init(rawValue:))
            if let levelNode, level == nil || level == .green {
                collector.report(levelNode, "level must be amber or red: a rule sets a minimum level")
            }
            let whenNode = fields.value("when", required: true)
            let holdFor = fields.timeSpan("for", atLeast: 0)
            let description = fields.string("description") ?? ""
            fields.finish()
            guard let whenNode else { continue }
            guard let text = whenNode.string, whenNode.scalar != nil else {
                collector.report(whenNode, "'when' must be a condition written as text")
                continue
            }
            do {
                let condition = try parser.parse(text)
                if let level, level > .green {
                    rules.append(NamedRule(name: name, level: level, condition: condition, holdFor: holdFor, description: description))
                }
            } catch {
                let (line, column) = position(of: error, text: text, in: whenNode)
                collector.report(line: line, column: column, "rule '\(name)': \(error.message)")
            }
        }
        return rules
    }

    /// Where a condition error is in the file. YAML may fold a condition's lines into one, so the
    /// error's place is found by its rank among the condition's non-blank characters, which
    /// folding leaves as they were, counted again in the file from the scalar's start.
    private func position(of error: ConditionError, text: String, in node: Node) -> (Int, Int) {
        var line = 1, column = 1, rank = 0, total = 0
        for character in text {
            if line < error.line || (line == error.line && column < error.column), !character.isWhitespace { rank += 1 }
            if !character.isWhitespace { total += 1 }
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        var fileLine = node.mark?.line ?? 1
        var start = node.mark?.column ?? 1
        switch node.scalar?.style {
        case .literal?, .folded?: (fileLine, start) = (fileLine + 1, 1)   // content starts below the indicator
        case .singleQuoted?, .doubleQuoted?: start += 1                    // past the opening quote
        default: break
        }
        var counted = 0
        var last = (fileLine, start)
        while fileLine <= lines.count {
            for (offset, character) in lines[fileLine - 1].enumerated() where offset + 1 >= start && !character.isWhitespace {
                if counted == rank, rank < total { return (fileLine, offset + 1) }
                counted += 1
                last = (fileLine, offset + 2)
                if counted == total, rank >= total { return last }
            }
            fileLine += 1
            start = 1
        }
        return last
    }

    private func thresholds(_ reader: inout MappingReader, node: Node, default standard: Thresholds) -> Thresholds {
        let amber = reader.number("amber_at", in: 0...10_000) ?? standard.amberAt
        let red = reader.number("red_at", in: 0...10_000) ?? standard.redAt
        if red < amber { collector.report(node, "red_at (\(red)) must not be below amber_at (\(amber))") }
        return Thresholds(amberAt: amber, redAt: red)
    }

    private func bounds(_ reader: inout MappingReader, _ key: String, default standard: BuildingPolicy.Bounds, limit: Double) -> BuildingPolicy.Bounds {
        guard let node = reader.value(key), var fields = MappingReader(node, collector: collector, context: "'\(key)'") else { return standard }
        let amber = fields.number("amber_at", in: 0...limit)
        let red = fields.number("red_at", in: 0...limit)
        fields.finish()
        if let amber, let red, red < amber { collector.report(node, "red_at must not be below amber_at") }
        return BuildingPolicy.Bounds(amberAt: amber, redAt: red)
    }

    private func origins(_ reader: inout MappingReader, _ key: String) -> Set<Origin>? {
        guard let items = reader.strings(key) else { return nil }
        var origins: Set<Origin> = []
        for (text, node) in items {
            if let origin = Origin(rawValue: text) { origins.insert(origin) } else {
                collector.report(node, "unknown origin '\(text)'; known: \(Origin.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        return origins
    }
}
