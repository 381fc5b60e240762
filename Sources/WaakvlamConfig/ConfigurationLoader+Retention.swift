import WaakvlamCore
import Yams

extension ConfigurationLoader {
    /// Reads `retention:`; every key is optional and falls back to ``RetentionSettings/defaults``.
    static func readRetention(_ top: inout MappingReader, _ collector: DiagnosticCollector) -> RetentionSettings {
        var settings = RetentionSettings.defaults
        guard let node = top.value("retention"), var reader = MappingReader(node, collector: collector, context: "'retention'") else { return settings }
        if let value = period("signals_after_horizon", &reader, collector) { settings.signalsAfterLookBack = value }
        if let value = period("moved_out", &reader, collector) { settings.movedOut = value }
        if let value = period("notices", &reader, collector) { settings.notices = value }
        if let value = period("audit", &reader, collector) { settings.audit = value }
        if let minute = minuteOfDay("run_at", example: "03:30", &reader, collector) { settings.minuteOfDay = minute }
        reader.finish()
        return settings
    }

    private static func period(_ key: String, _ reader: inout MappingReader, _ collector: DiagnosticCollector) -> RetentionPeriod? {
        guard let node = reader.value(key) else { return nil }
        guard node.scalar != nil, let text = node.string, let period = RetentionPeriod(parsing: text) else {
            collector.report(node, "'\(key)' must be a period such as 18 months, 2 years, 90 days or 90d (more than zero, at most 100 years)")
            return nil
        }
        return period
    }
}
