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
        if let time = reader.string("run_at"), let timeNode = reader.value("run_at") {
            let parts = time.split(separator: ":")
            if parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute), parts[1].count == 2 {
                settings.minuteOfDay = hour * 60 + minute
            } else {
                collector.report(timeNode, "'run_at' is a local time of day such as 03:30")
            }
        }
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
