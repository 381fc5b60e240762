import Foundation
import Testing
import WaakvlamCore
@testable import WaakvlamConfig

/// The package root, found from this file's path, so the shipped `config/` can be read.
func packageRoot(from file: String = #filePath) throws -> URL {
    var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
    while directory.path != "/" {
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) { return directory }
        directory.deleteLastPathComponent()
    }
    throw CocoaError(.fileNoSuchFile)
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("waakvlam-config-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The problems of a failed load, or an issue when it succeeded.
func diagnostics<T>(_ result: Result<T, ConfigurationError>, sourceLocation: SourceLocation = #_sourceLocation) -> [ConfigDiagnostic] {
    switch result {
    case .success(let value):
        Issue.record("expected problems, got \(value)", sourceLocation: sourceLocation)
        return []
    case .failure(let error):
        return error.diagnostics
    }
}

@Suite("ConfigurationLoader")
struct ConfigurationLoaderTests {
    static let file = "/etc/waakvlam/waakvlam.yaml"

    /// A valid configuration; tests change one line (1-based) at a time.
    static let lines = [
        "paths:",                                     // 1
        "  state: var/lib",                           // 2
        "  logs: /var/log/waakvlam",                  // 3
        "  socket: run/waakvlam.sock",                // 4
        "time_zone: Europe/Amsterdam",                // 5
        "rules: rules.yaml",                          // 6
        "ingest:",                                    // 7
        "  max_record_bytes: 2048",                   // 8
        "  batch_size: 100",                          // 9
        "  spool_poll_interval: 5s",                  // 10
        "  spool_settle_time: 0s",                    // 11
        "  ignored_columns: [export_batch, \"bron\"]", // 12
        "teams:",                                     // 13
        "  - id: wijkteam-centrum",                   // 14
        "    name: Wijkteam Centrum",                 // 15
        "  - id: wijkteam-noord",                     // 16
        "    name: Wijkteam Noord",                   // 17
    ]

    static func text(replacing changes: [Int: String] = [:], removing removed: Set<Int> = [], appending extra: [String] = []) -> String {
        var result: [String] = []
        for (index, line) in lines.enumerated() where !removed.contains(index + 1) {
            result.append(changes[index + 1] ?? line)
        }
        return (result + extra).joined(separator: "\n") + "\n"
    }

    static func parse(_ text: String) -> Result<DaemonConfiguration, ConfigurationError> {
        ConfigurationLoader.parse(text, file: file, relativeTo: "/etc/waakvlam")
    }

    /// The one problem `text` has, as `check` prints it.
    static func problem(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let found = diagnostics(parse(text), sourceLocation: sourceLocation)
        #expect(found.count == 1, "expected one problem, got \(found.map(\.description))", sourceLocation: sourceLocation)
        return found.first?.description
    }

    // MARK: valid configurations

    @Test("a valid configuration is read with relative paths resolved against its directory")
    func validConfiguration() throws {
        let configuration = try Self.parse(Self.text()).get()
        #expect(configuration.paths == DaemonPaths(stateDirectory: "/etc/waakvlam/var/lib", logDirectory: "/var/log/waakvlam", socketPath: "/etc/waakvlam/run/waakvlam.sock"))
        #expect(configuration.timeZone == "Europe/Amsterdam")
        #expect(configuration.rulesFile == "/etc/waakvlam/rules.yaml")
        #expect(configuration.ingest == IngestSettings(ignoredColumns: ["export_batch", "bron"], maxRecordBytes: 2_048, batchSize: 100, spoolPollInterval: TimeSpan(seconds: 5), spoolSettleTime: TimeSpan(seconds: 0)))
        #expect(configuration.teams == [Team(id: "wijkteam-centrum", name: "Wijkteam Centrum"), Team(id: "wijkteam-noord", name: "Wijkteam Noord")])
    }

    @Test("without an ingest section the shipped defaults apply; absent ingest keys keep their defaults")
    func ingestDefaults() throws {
        let none = try Self.parse(Self.text(removing: Set(7...12))).get()
        #expect(none.ingest == IngestSettings.defaults)
        let some = try Self.parse(Self.text(removing: [8, 10, 11, 12])).get()
        #expect(some.ingest.batchSize == 100)
        #expect(some.ingest.maxRecordBytes == IngestSettings.defaults.maxRecordBytes)
        #expect(some.ingest.spoolPollInterval == IngestSettings.defaults.spoolPollInterval)
    }

    @Test("relative to '.' a relative path stays relative to the working directory")
    func relativeToWorkingDirectory() throws {
        let configuration = try ConfigurationLoader.parse(Self.text(), file: "waakvlam.yaml", relativeTo: ".").get()
        #expect(configuration.paths.stateDirectory == "./var/lib")
        #expect(configuration.rulesFile == "./rules.yaml")
    }

    @Test("the ingest limits accept their bounds", arguments: [("1024", 1_024), ("16777216", 16_777_216)])
    func maxRecordBytesBounds(text: String, value: Int) throws {
        #expect(try Self.parse(Self.text(replacing: [8: "  max_record_bytes: \(text)"])).get().ingest.maxRecordBytes == value)
    }

    // MARK: problems, each at its position

    @Test("an unknown top-level key is an error at its position")
    func unknownTopLevelKey() {
        #expect(Self.problem(Self.text(appending: ["time_zone_name: CET"])) == "\(Self.file):18:1: unknown key 'time_zone_name' in the configuration")
    }

    @Test("an unknown key in a section is an error at its position", arguments: [
        (3, "  log: /var/log/waakvlam", "3:3: unknown key 'log' in 'paths'"),
        (10, "  spool_pol_interval: 5s", "10:3: unknown key 'spool_pol_interval' in 'ingest'"),
        (15, "    naam: Wijkteam Centrum", "15:5: unknown key 'naam' in a team"),
    ])
    func unknownSectionKey(line: Int, text: String, expected: String) {
        let found = diagnostics(Self.parse(Self.text(replacing: [line: text]))).map(\.description)
        #expect(found.contains("\(Self.file):\(expected)"), "\(found)")
    }

    @Test("a misspelt key is reported, and so is the required key it was meant to be")
    func misspeltRequiredKey() {
        let found = diagnostics(Self.parse(Self.text(replacing: [3: "  log: /var/log/waakvlam"]))).map(\.description)
        #expect(found == [
            "\(Self.file):2:3: 'paths' is missing required key 'logs'",
            "\(Self.file):3:3: unknown key 'log' in 'paths'",
        ])
    }

    @Test("each missing required top-level key is named", arguments: [(5, "time_zone"), (6, "rules")])
    func missingRequiredKey(line: Int, key: String) {
        #expect(Self.problem(Self.text(removing: [line])) == "\(Self.file):1:1: the configuration is missing required key '\(key)'")
    }

    @Test("a configuration without paths or teams names them")
    func missingSections() {
        #expect(Self.problem(Self.text(removing: Set(1...4))) == "\(Self.file):1:1: the configuration is missing required key 'paths'")
        #expect(Self.problem(Self.text(removing: Set(13...17))) == "\(Self.file):1:1: the configuration is missing required key 'teams'")
    }

    @Test("bad durations are errors at the value", arguments: [
        (10, "  spool_poll_interval: 5 seconds", "10:24: 'spool_poll_interval' must be a duration such as 90d, 2w, 12h, 30m or 45s (at least 1s)"),
        (10, "  spool_poll_interval: 0s", "10:24: 'spool_poll_interval' must be a duration such as 90d, 2w, 12h, 30m or 45s (at least 1s)"),
        (10, "  spool_poll_interval: 1.5s", "10:24: 'spool_poll_interval' must be a duration such as 90d, 2w, 12h, 30m or 45s (at least 1s)"),
        (11, "  spool_settle_time: -1s", "11:22: 'spool_settle_time' must be a duration such as 90d, 2w, 12h, 30m or 45s (at least 0s)"),
        (11, "  spool_settle_time: [1s]", "11:22: 'spool_settle_time' must be a duration such as 90d, 2w, 12h, 30m or 45s (at least 0s)"),
        (10, "  spool_poll_interval: 5", "10:24: 'spool_poll_interval' must be a duration such as 90d, 2w, 12h, 30m or 45s (at least 1s)"),
    ])
    func badDuration(line: Int, text: String, expected: String) {
        #expect(Self.problem(Self.text(replacing: [line: text])) == "\(Self.file):\(expected)")
    }

    @Test("numbers out of range or not whole are errors at the value", arguments: [
        (8, "  max_record_bytes: 1023", "8:21: 'max_record_bytes' must be a whole number from 1024 to 16777216"),
        (8, "  max_record_bytes: 16777217", "8:21: 'max_record_bytes' must be a whole number from 1024 to 16777216"),
        (8, "  max_record_bytes: 64k", "8:21: 'max_record_bytes' must be a whole number from 1024 to 16777216"),
        (9, "  batch_size: 0", "9:15: 'batch_size' must be a whole number from 1 to 1000000"),
        (9, "  batch_size: 2.5", "9:15: 'batch_size' must be a whole number from 1 to 1000000"),
    ])
    func badNumbers(line: Int, text: String, expected: String) {
        #expect(Self.problem(Self.text(replacing: [line: text])) == "\(Self.file):\(expected)")
    }

    @Test("an unknown time zone is an error at the value", arguments: ["Europe/Amsterdm", "Amsterdam", "CEST+1"])
    func unknownTimeZone(zone: String) {
        #expect(Self.problem(Self.text(replacing: [5: "time_zone: \(zone)"])) == "\(Self.file):5:12: unknown time zone '\(zone)' (use an IANA name such as Europe/Amsterdam)")
    }

    @Test("a team id used twice is an error at the second team")
    func duplicateTeamId() {
        #expect(Self.problem(Self.text(replacing: [16: "  - id: wijkteam-centrum"])) == "\(Self.file):16:5: team id 'wijkteam-centrum' is used twice")
    }

    @Test("a team id must be lower-case letters, digits, '_' or '-'", arguments: ["Wijkteam", "wijk team", "wijkteam/noord", "wijkteam.noord"])
    func badTeamId(id: String) {
        #expect(Self.problem(Self.text(replacing: [16: "  - id: \(id)"])) == "\(Self.file):16:5: team id '\(id)' must be lower-case letters, digits, '_' or '-'")
    }

    @Test("teams must be a non-empty list of mappings with id and name")
    func badTeams() {
        #expect(Self.problem(Self.text(replacing: [13: "teams: []"], removing: Set(14...17))) == "\(Self.file):13:8: 'teams' must be a list with at least one team")
        #expect(Self.problem(Self.text(replacing: [13: "teams: wijkteam"], removing: Set(14...17))) == "\(Self.file):13:8: 'teams' must be a list with at least one team")
        #expect(Self.problem(Self.text(removing: [17])) == "\(Self.file):16:5: a team is missing required key 'name'")
        #expect(Self.problem(Self.text(replacing: [16: "  - wijkteam-noord"], removing: [17])) == "\(Self.file):16:5: a team must be a mapping of keys to values")
    }

    @Test("a feed field cannot be an ignored column")
    func ignoringFeedField() {
        #expect(Self.problem(Self.text(replacing: [12: "  ignored_columns: [export_batch, note]"])) == "\(Self.file):12:35: 'note' is a feed field and cannot be ignored")
    }

    @Test("ignored columns must be a list of texts")
    func badIgnoredColumns() {
        #expect(Self.problem(Self.text(replacing: [12: "  ignored_columns: export_batch"])) == "\(Self.file):12:20: 'ignored_columns' must be a list")
        #expect(Self.problem(Self.text(replacing: [12: "  ignored_columns: [export_batch, [a]]"])) == "\(Self.file):12:35: each entry of 'ignored_columns' must be a non-empty text")
    }

    @Test("a section of the wrong shape is an error at the section")
    func sectionShape() {
        #expect(Self.problem(Self.text(replacing: [1: "paths: /var/lib/waakvlam"], removing: [2, 3, 4])) == "\(Self.file):1:8: 'paths' must be a mapping of keys to values")
        #expect(Self.problem(Self.text(replacing: [5: "time_zone: [Europe/Amsterdam]"])) == "\(Self.file):5:12: 'time_zone' must be a non-empty text")
        #expect(Self.problem(Self.text(replacing: [6: "rules: ''"])) == "\(Self.file):6:8: 'rules' must be a non-empty text")
    }

    @Test("YAML syntax errors are reported at their position")
    func syntaxError() throws {
        let found = diagnostics(Self.parse(Self.text(replacing: [5: "time_zone: \"Europe/Amsterdam"])))
        let problem = try #require(found.first)
        #expect(found.count == 1)
        #expect(problem.file == Self.file)
        #expect(problem.message.hasPrefix("YAML: "))
        #expect(problem.line >= 5)
        let tab = diagnostics(Self.parse(Self.text(replacing: [3: "\tlogs: /var/log/waakvlam"])))
        #expect(tab.count == 1)
        #expect(tab.first?.line == 3)
        #expect(tab.first?.message.hasPrefix("YAML: ") == true)
    }

    @Test("a key given twice is an error naming the key and where it is")
    func duplicateKey() {
        let found = diagnostics(Self.parse(Self.text(appending: ["time_zone: Europe/Brussels"])))
        #expect(found.map(\.message) == ["key 'time_zone' appears twice in one mapping"])
        #expect(found.first.map { [5, 18].contains($0.line) } == true, "\(found)")
        let nested = diagnostics(Self.parse(Self.text(replacing: [3: "  state: /srv/waakvlam"])))
        #expect(nested.map(\.message) == ["key 'state' appears twice in one mapping"])
        #expect(nested.first.map { [2, 3].contains($0.line) && $0.column == 3 } == true, "\(nested)")
    }

    @Test("an empty file or a file that is not a mapping says so at 1:1")
    func emptyOrNotAMapping() {
        for text in ["", "\n", "# only a comment\n"] {
            #expect(diagnostics(Self.parse(text)).map(\.description) == ["\(Self.file):1:1: the configuration file is empty"])
        }
        #expect(diagnostics(Self.parse("- paths\n- teams\n")).map(\.description) == ["\(Self.file):1:1: the configuration must be a mapping of keys to values"])
    }

    @Test("every problem is reported at once, in file order")
    func everyProblemInFileOrder() {
        // given problems on lines 3, 5, 10 and 16, and an unknown key on line 1
        let text = Self.text(replacing: [
            1: "pahts:", 5: "time_zone: Mars/Olympus", 10: "  spool_poll_interval: soon", 16: "  - id: wijkteam-centrum",
        ])
        // when
        let found = diagnostics(Self.parse(text))
        // then
        #expect(found.map(\.line) == found.map(\.line).sorted(), "\(found.map(\.description))")
        #expect(Set(found.map(\.line)) == [1, 5, 10, 16], "\(found.map(\.description))")
        #expect(found.contains { $0.line == 1 && $0.message == "unknown key 'pahts' in the configuration" })
        #expect(found.contains { $0.line == 1 && $0.message == "the configuration is missing required key 'paths'" })
    }

    // MARK: load(path:)

    @Test("load reads the configuration and the rules it names, relative to the configuration's directory")
    func loadFromDisk() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let rules = try String(contentsOf: packageRoot().appendingPathComponent("config/rules.yaml"), encoding: .utf8)
        _ = try directory.write("etc/policy/rules.yaml", rules)
        let path = try directory.write("etc/waakvlam.yaml", Self.text(replacing: [6: "rules: policy/rules.yaml"]))
        let loaded = try ConfigurationLoader.load(path: path).get()
        #expect(loaded.configFile == path)
        #expect(loaded.daemon.rulesFile == directory.url.path + "/etc/policy/rules.yaml")
        #expect(loaded.daemon.paths.stateDirectory == directory.url.path + "/etc/var/lib")
        #expect(loaded.rules.signalType("overlast.geluid") != nil)
    }

    @Test("a missing configuration file is one diagnostic at 1:1 of that file")
    func loadMissingFile() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("nope.yaml").path
        #expect(diagnostics(ConfigurationLoader.load(path: path)).map(\.description) == ["\(path):1:1: cannot read the configuration file"])
    }

    @Test("a missing rules file is reported against the rules file, naming the configuration")
    func loadMissingRules() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = try directory.write("waakvlam.yaml", Self.text())
        let rulesPath = directory.url.path + "/rules.yaml"
        #expect(diagnostics(ConfigurationLoader.load(path: path)).map(\.description) == ["\(rulesPath):1:1: cannot read the rules file named by 'rules' in \(path)"])
    }

    @Test("problems in the rules file carry the rules file's name")
    func loadBadRules() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = try directory.write("waakvlam.yaml", Self.text())
        _ = try directory.write("rules.yaml", "version: 1\ndomains: {}\nsignal_types: {}\narrears:\n  repeat_window: 90d\nextra: 1\n")
        #expect(diagnostics(ConfigurationLoader.load(path: path)).map(\.description) == ["\(directory.url.path)/rules.yaml:6:1: unknown key 'extra' in the rules file"])
    }

    @Test("problems in the configuration stop the load before the rules are read")
    func loadBadConfiguration() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = try directory.write("waakvlam.yaml", Self.text(replacing: [5: "time_zone: Nowhere"]))
        #expect(diagnostics(ConfigurationLoader.load(path: path)).map(\.description) == ["\(path):5:12: unknown time zone 'Nowhere' (use an IANA name such as Europe/Amsterdam)"])
    }

    @Test("a configuration that is not UTF-8 cannot be read")
    func loadNotUTF8() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("waakvlam.yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0x70, 0x61, 0xE9, 0x0A])))
        #expect(diagnostics(ConfigurationLoader.load(path: path)).map(\.message) == ["cannot read the configuration file"])
    }

    // MARK: the shipped configuration

    @Test("the shipped config/waakvlam.yaml and its rules load cleanly")
    func shippedConfiguration() throws {
        let root = try packageRoot()
        let path = root.appendingPathComponent("config/waakvlam.yaml").path
        let result = ConfigurationLoader.load(path: path)
        if case .failure(let error) = result { Issue.record("the shipped configuration does not load:\n\(error)") }
        let loaded = try result.get()
        let configDirectory = root.appendingPathComponent("config").path
        #expect(loaded.daemon.rulesFile == configDirectory + "/rules.yaml")
        #expect(loaded.daemon.paths.stateDirectory == configDirectory + "/../var/lib")
        #expect(loaded.daemon.timeZone == "Europe/Amsterdam")
        #expect(LocalCalendar(identifier: loaded.daemon.timeZone) != nil)
        #expect(loaded.daemon.ingest == IngestSettings.defaults)
        #expect(!loaded.daemon.teams.isEmpty)
    }
}

@Suite("ConfigurationLoader: null values")
struct ConfigurationNullValueTests {
    @Test("a required key written as null is reported at its value, not read as the text '~'")
    func requiredNull() throws {
        let text = """
            paths:
              state: ~
              logs: var/log
              socket: var/w.sock
            time_zone: Europe/Amsterdam
            rules: rules.yaml
            teams:
              - id: noord
                name: Noord
            """
        let result = ConfigurationLoader.parse(text, file: "w.yaml", relativeTo: "/etc")
        guard case .failure(let error) = result else {
            Issue.record("a null state path was accepted")
            return
        }
        #expect(error.diagnostics.map(\.description) == ["w.yaml:2:10: 'state' has no value"])
    }

    @Test("an optional key written as null keeps its default")
    func optionalNull() throws {
        let text = """
            paths: {state: var, logs: var/log, socket: var/w.sock}
            time_zone: Europe/Amsterdam
            rules: rules.yaml
            ingest:
              batch_size:
            teams:
              - {id: noord, name: Noord}
            """
        let configuration = try ConfigurationLoader.parse(text, file: "w.yaml", relativeTo: "/etc").get()
        #expect(configuration.ingest.batchSize == IngestSettings.defaults.batchSize)
    }
}
