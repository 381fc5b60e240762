import Foundation
import WaakvlamCore
import WaakvlamRules
import Yams

/// A daemon configuration and the rules it names, both checked.
public struct LoadedConfiguration: Sendable {
    /// `waakvlam.yaml`, with paths resolved.
    public var daemon: DaemonConfiguration
    /// `rules.yaml`: the whole stoplight policy.
    public var policy: StoplightPolicy
    /// The configuration file as named.
    public var configFile: String

    /// The signal types, domains and arrears policy from `rules.yaml`.
    public var rules: RuleSet { policy.ruleSet }

    /// Creates a loaded configuration.
    public init(daemon: DaemonConfiguration, policy: StoplightPolicy, configFile: String) {
        self.daemon = daemon
        self.policy = policy
        self.configFile = configFile
    }
}

/// Reads `waakvlam.yaml` and the rules file it names.
///
/// Relative paths are resolved against the directory of the configuration
/// file, so the shipped `config/waakvlam.yaml` keeps its state in `var/` of
/// the checkout whatever the working directory is.
public enum ConfigurationLoader {
    /// Reads and checks the configuration at `path` and its rules.
    public static func load(path: String) -> Result<LoadedConfiguration, ConfigurationError> {
        let daemon = loadDaemon(path: path)
        guard case .success(let configuration) = daemon else {
            if case .failure(let error) = daemon { return .failure(error) }
            fatalError("unreachable")
        }
        guard let rulesText = readText(configuration.rulesFile) else {
            return .failure(ConfigurationError(diagnostics: [ConfigDiagnostic(file: configuration.rulesFile, line: 1, column: 1, message: "cannot read the rules file named by 'rules' in \(path)")]))
        }
        return RulesLoader.parse(rulesText, file: configuration.rulesFile).map {
            LoadedConfiguration(daemon: configuration, policy: $0, configFile: path)
        }
    }

    /// Reads and checks the configuration at `path` alone, not the rules it names (what a
    /// command needs to find the daemon, whatever state the rules file is in).
    public static func loadDaemon(path: String) -> Result<DaemonConfiguration, ConfigurationError> {
        guard let text = readText(path) else {
            return .failure(ConfigurationError(diagnostics: [ConfigDiagnostic(file: path, line: 1, column: 1, message: "cannot read the configuration file")]))
        }
        let directory = (path as NSString).deletingLastPathComponent
        return parse(text, file: path, relativeTo: directory.isEmpty ? "." : directory)
    }

    /// Parses `waakvlam.yaml` from `text`, resolving relative paths against `directory`.
    public static func parse(_ text: String, file: String, relativeTo directory: String) -> Result<DaemonConfiguration, ConfigurationError> {
        let collector = DiagnosticCollector(file: file)
        guard let root = collector.compose(text), var top = MappingReader(root, collector: collector, context: "the configuration") else {
            if collector.diagnostics.isEmpty { collector.report(line: 1, column: 1, "the configuration file is empty") }
            return .failure(ConfigurationError(diagnostics: collector.diagnostics))
        }
        func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : directory + "/" + path }

        var paths: DaemonPaths?
        if let node = top.value("paths", required: true), var reader = MappingReader(node, collector: collector, context: "'paths'") {
            let state = reader.string("state", required: true)
            let logs = reader.string("logs", required: true)
            let socket = reader.string("socket", required: true)
            reader.finish()
            if let state, let logs, let socket {
                paths = DaemonPaths(stateDirectory: resolve(state), logDirectory: resolve(logs), socketPath: resolve(socket))
            }
        }
        let zone = top.string("time_zone", required: true)
        if let zone, TimeZone(identifier: zone) == nil, let node = top.value("time_zone") {
            collector.report(node, "unknown time zone '\(zone)' (use an IANA name such as Europe/Amsterdam)")
        }
        let rules = top.string("rules", required: true)
        let ingest = readIngest(&top, collector)
        let teams = readTeams(&top, collector)
        let escalation = readEscalation(&top, collector)
        let digest = readDigest(&top, collector)
        let socket = readSocket(&top, collector)
        let retention = readRetention(&top, collector)
        top.finish()
        guard collector.diagnostics.isEmpty, let paths, let zone, let rules else {
            return .failure(ConfigurationError(diagnostics: collector.diagnostics))
        }
        var configuration = DaemonConfiguration(paths: paths, timeZone: zone, rulesFile: resolve(rules), ingest: ingest, teams: teams, escalation: escalation, digest: digest, socket: socket)
        configuration.retention = retention
        return .success(configuration)
    }

    private static func readSocket(_ top: inout MappingReader, _ collector: DiagnosticCollector) -> SocketSettings {
        var settings = SocketSettings.defaults
        guard let node = top.value("socket"), var reader = MappingReader(node, collector: collector, context: "'socket'") else { return settings }
        if let names = reader.strings("read_users") { settings.readUsers = names.map(\.0) }
        if let names = reader.strings("read_groups") { settings.readGroups = names.map(\.0) }
        if let names = reader.strings("write_users") { settings.writeUsers = names.map(\.0) }
        if let names = reader.strings("write_groups") { settings.writeGroups = names.map(\.0) }
        if let value = reader.integer("max_line_bytes", in: 1_024...268_435_456) { settings.maxLineBytes = value }
        if let value = reader.integer("max_pending_bytes", in: 65_536...1_073_741_824) { settings.maxPendingBytes = value }
        if let value = reader.integer("max_clients", in: 1...1_000_000) { settings.maxClients = value }
        if let value = reader.timeSpan("idle_timeout") { settings.idleTimeout = value }
        reader.finish()
        return settings
    }

    /// The local time of day under `key` (`HH:MM`) as minutes after midnight; anything else is
    /// reported at its position, with `example`.
    static func minuteOfDay(_ key: String, example: String, _ reader: inout MappingReader, _ collector: DiagnosticCollector) -> Int? {
        guard let time = reader.string(key), let node = reader.value(key) else { return nil }
        let parts = time.split(separator: ":")
        if parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute), parts[1].count == 2 {
            return hour * 60 + minute
        }
        collector.report(node, "'\(key)' is a local time of day such as \(example)")
        return nil
    }

    private static func readDigest(_ top: inout MappingReader, _ collector: DiagnosticCollector) -> DigestSettings {
        var settings = DigestSettings.defaults
        guard let node = top.value("digest"), var reader = MappingReader(node, collector: collector, context: "'digest'") else { return settings }
        if let minute = minuteOfDay("time", example: "07:00", &reader, collector) { settings.minuteOfDay = minute }
        if let language = reader.string("language"), let languageNode = reader.value("language") {
            if ["nl", "en"].contains(language) { settings.language = language } else { collector.report(languageNode, "'language' is nl or en") }
        }
        reader.finish()
        return settings
    }

    private static func readEscalation(_ top: inout MappingReader, _ collector: DiagnosticCollector) -> EscalationSettings {
        var settings = EscalationSettings.defaults
        guard let node = top.value("escalation"), var reader = MappingReader(node, collector: collector, context: "'escalation'") else { return settings }
        if let deadlines = reader.value("deadlines"), var fields = MappingReader(deadlines, collector: collector, context: "'escalation.deadlines'") {
            if let value = fields.integer("amber", in: 1...250) { settings.amberDeadline = value }
            if let value = fields.integer("red", in: 1...250) { settings.redDeadline = value }
            fields.finish()
        }
        if let ladder = reader.strings("ladder") {
            if ladder.isEmpty { collector.report(node, "'escalation.ladder' needs at least one rung") } else { settings.ladder = ladder.map(\.0) }
        }
        if let value = reader.timeSpan("max_snooze", atLeast: 3_600) { settings.maxSnooze = value }
        if let value = reader.string("feedback_route") { settings.feedbackRoute = value }
        if let value = reader.string("feedback_reporters"), let valueNode = reader.value("feedback_reporters") {
            if let mode = FeedbackReporters(rawValue: value) { settings.feedbackReporters = mode } else { collector.report(valueNode, "'feedback_reporters' is pseudonym or id") }
        }
        reader.finish()
        return settings
    }

    private static func readIngest(_ top: inout MappingReader, _ collector: DiagnosticCollector) -> IngestSettings {
        var settings = IngestSettings.defaults
        guard let node = top.value("ingest"), var reader = MappingReader(node, collector: collector, context: "'ingest'") else { return settings }
        if let value = reader.integer("max_record_bytes", in: 1_024...16_777_216) { settings.maxRecordBytes = value }
        if let value = reader.integer("batch_size", in: 1...1_000_000) { settings.batchSize = value }
        if let value = reader.timeSpan("spool_poll_interval") { settings.spoolPollInterval = value }
        if let value = reader.timeSpan("spool_settle_time", atLeast: 0) { settings.spoolSettleTime = value }
        if let value = reader.timeSpan("silent_after") { settings.silentAfter = value }
        if let columns = reader.strings("ignored_columns") {
            for (name, item) in columns where FeedField(name: name) != nil {
                collector.report(item, "'\(name)' is a feed field and cannot be ignored")
            }
            settings.ignoredColumns = Set(columns.map(\.0))
        }
        reader.finish()
        return settings
    }

    private static func readTeams(_ top: inout MappingReader, _ collector: DiagnosticCollector) -> [Team] {
        guard let node = top.value("teams", required: true) else { return [] }
        guard let sequence = node.sequence, !sequence.isEmpty else {
            collector.report(node, "'teams' must be a list with at least one team")
            return []
        }
        var teams: [Team] = []
        for item in sequence {
            guard var reader = MappingReader(item, collector: collector, context: "a team") else { continue }
            let id = reader.string("id", required: true)
            let name = reader.string("name", required: true)
            let neighbourhoods = reader.strings("neighbourhoods")?.map(\.0) ?? []
            reader.finish()
            guard let id, let name else { continue }
            for code in neighbourhoods where teams.contains(where: { $0.neighbourhoods.contains(code) }) {
                collector.report(item, "neighbourhood '\(code)' is covered by two teams")
            }
            if !RulesLoader.isCode(id) {
                collector.report(item, "team id '\(id)' must be lower-case letters, digits, '_' or '-'")
            } else if teams.contains(where: { $0.id == id }) {
                collector.report(item, "team id '\(id)' is used twice")
            }
            teams.append(Team(id: id, name: name, neighbourhoods: neighbourhoods))
        }
        return teams
    }

    static func readText(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
