import Testing
import WaakvlamCore
import WaakvlamRules
import WaakvlamTesting
@testable import WaakvlamConfig

@Suite("PolicyReader")
struct PolicyReaderTests {
    static let file = "/etc/waakvlam/rules.yaml"

    /// Valid rules without stoplight sections: 9 lines, so appended lines start at line 10.
    static let header = [
        "version: 1",
        "domains:",
        "  sociaal: Contact met buren",
        "  financien: Geldzaken",
        "signal_types:",
        "  overlast.geluid: {family: nuisance, domain: sociaal, weight: 1.0, half_life: 30d}",
        "  achterstand.huur: {family: arrears, domain: financien, weight: 2.0, half_life: 90d}",
        "arrears:",
        "  repeat_window: 90d",
    ]

    static func parse(_ lines: [String]) -> Result<StoplightPolicy, ConfigurationError> {
        RulesLoader.parse((header + lines).joined(separator: "\n") + "\n", file: file)
    }

    static func problems(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        diagnostics(parse(lines), sourceLocation: sourceLocation).map(\.description)
    }

    /// One amber rule named `lawaai` whose `when` is written as `when` (lines 10–12 are fixed, `when` starts on line 13).
    static func rule(when: [String]) -> [String] {
        ["rules:", "  lawaai:", "    level: amber"] + when
    }

    @Test("given the header only, when parsed, then every stoplight section takes the shipped defaults and there are no rules")
    func defaults() throws {
        let policy = try Self.parse([]).get()
        #expect(policy.scoring == .standard)
        #expect(policy.levels == .standard)
        #expect(policy.aftercare == .standard)
        #expect(policy.buildings == .standard)
        #expect(policy.rules.isEmpty)
    }

    @Test("given a rule with for:, when parsed, then its level, condition and hold-for are read")
    func validRule() throws {
        let policy = try Self.parse(Self.rule(when: ["    when: count(overlast.geluid, 30d) >= 2", "    for: 14d", "    description: Lawaai"])).get()
        let rule = try #require(policy.rules.first)
        #expect(policy.rules.count == 1)
        #expect(rule.name == "lawaai")
        #expect(rule.level == .amber)
        #expect(rule.holdFor == .days(14))
        #expect(rule.description == "Lawaai")
        #expect(rule.condition == (try ConditionParser(knownTypes: ["overlast.geluid", "achterstand.huur"]).parse("count(overlast.geluid, 30d) >= 2")))
    }

    @Test("given an unknown type in a plain condition, when parsed, then the error points at the type inside the YAML line")
    func unknownTypePlain() {
        let found = Self.problems(Self.rule(when: ["    when: count(overlast.gelud, 30d) >= 1"]))
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("\(Self.file):13:17: rule 'lawaai': unknown signal type 'overlast.gelud'") == true, "\(found)")
    }

    @Test("given an unknown type in a quoted condition, when parsed, then the column counts the opening quote", arguments: ["\"", "'"])
    func unknownTypeQuoted(quote: String) {
        let found = Self.problems(Self.rule(when: ["    when: \(quote)count(overlast.gelud, 30d) >= 1\(quote)"]))
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("\(Self.file):13:18: rule 'lawaai': unknown signal type 'overlast.gelud'") == true, "\(found)")
    }

    @Test("given an unknown type on the second line of a | block, when parsed, then the error points at that line and column")
    func unknownTypeBlockLaterLine() {
        let found = Self.problems(Self.rule(when: [
            "    when: |",
            "      count(overlast.geluid, 30d) >= 1",
            "      and count(overlast.gelud, 30d) >= 1",
        ]))
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("\(Self.file):15:17: rule 'lawaai': unknown signal type 'overlast.gelud'") == true, "\(found)")
    }

    @Test("given a condition that YAML folds into one line, when parsed, then the error still points at the token in the file",
          arguments: [
              (["    when: >", "      count(overlast.geluid, 30d) >= 1", "      and count(overlast.gelud, 30d) >= 1"], "15:17"),
              (["    when: count(overlast.geluid, 30d) >= 1", "      and count(overlast.gelud, 30d) >= 1"], "14:17"),
              (["    when: \"count(overlast.geluid, 30d) >= 1", "      and count(overlast.gelud, 30d) >= 1\""], "14:17"),
          ])
    func unknownTypeFolded(when: [String], position: String) {
        let found = Self.problems(Self.rule(when: when))
        #expect(found.first?.hasPrefix("\(Self.file):\(position): rule 'lawaai': unknown signal type 'overlast.gelud'") == true, "\(found)")
    }

    @Test("given a condition that ends too early over two lines, when parsed, then the error points just after its last character")
    func unexpectedEndFolded() {
        let found = Self.problems(Self.rule(when: ["    when: count(overlast.geluid, 30d) >= 1 and", "      count(overlast.geluid, 30d) >="]))
        #expect(found.first?.hasPrefix("\(Self.file):14:37: rule 'lawaai':") == true, "\(found)")
    }

    @Test("given an unknown type on the first line of a | block, when parsed, then the error points below the indicator")
    func unknownTypeBlockFirstLine() {
        let found = Self.problems(Self.rule(when: [
            "    when: |",
            "      count(overlast.gelud, 30d) >= 1",
            "    for: 14d",
        ]))
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("\(Self.file):14:13: rule 'lawaai': unknown signal type 'overlast.gelud'") == true, "\(found)")
    }

    @Test("given a rule with level green, when parsed, then it is refused at the value")
    func greenRule() {
        let found = Self.problems(["rules:", "  lawaai:", "    level: green", "    when: count(overlast.geluid, 30d) >= 1"])
        #expect(found == ["\(Self.file):12:12: level must be amber or red: a rule sets a minimum level"])
    }

    @Test("given an unknown key in a stoplight section, when parsed, then it is refused at the key", arguments: [
        (["scoring:", "  horizont: 365d"], "11:3: unknown key 'horizont' in 'scoring'"),
        (["levels:", "  cooldown: 14d"], "11:3: unknown key 'cooldown' in 'levels'"),
        (["aftercare:", "  after_support: 365d"], "11:3: unknown key 'after_support' in 'aftercare'"),
        (["buildings:", "  minimum_household: 5"], "11:3: unknown key 'minimum_household' in 'buildings'"),
        (["buildings:", "  concern_share: {amber_at: 0.2, red: 0.35}"], "11:34: unknown key 'red' in 'concern_share'"),
        (["rules:", "  lawaai:", "    level: amber", "    when: feud()", "    hold: 14d"], "14:5: unknown key 'hold' in rule 'lawaai'"),
    ])
    func unknownKeys(lines: [String], expected: String) {
        #expect(Self.problems(lines) == ["\(Self.file):\(expected)"])
    }

    @Test("given red_at below amber_at, when parsed, then it is refused", arguments: [
        (["levels:", "  amber_at: 8", "  red_at: 4"], "red_at (4.0) must not be below amber_at (8.0)"),
        (["aftercare:", "  amber_at: 3", "  red_at: 2.5"], "red_at (2.5) must not be below amber_at (3.0)"),
        (["buildings:", "  vulnerable_share: {amber_at: 0.4, red_at: 0.3}"], "red_at must not be below amber_at"),
    ])
    func redBelowAmber(lines: [String], message: String) {
        let found = diagnostics(Self.parse(lines))
        #expect(found.map(\.message) == [message])
        #expect(found.map(\.line) == [11])
    }

    @Test("given red_at equal to amber_at, when parsed, then it is accepted")
    func redEqualsAmber() throws {
        let policy = try Self.parse(["levels:", "  amber_at: 5", "  red_at: 5"]).get()
        #expect(policy.levels.thresholds == Thresholds(amberAt: 5, redAt: 5))
    }

    @Test("given the shipped config/rules.yaml, when loaded, then it has its 8 rules in file order and the documented defaults")
    func shipped() throws {
        let path = Repository.root + "/config/rules.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let result = RulesLoader.parse(text, file: path)
        if case .failure(let error) = result { Issue.record("the shipped rules do not load:\n\(error)") }
        let policy = try result.get()
        #expect(policy.rules.map(\.name) == [
            "huurachterstand_met_kinderen", "hennepkwekerij", "zorg_buiten_de_deur", "acuut_gevaar", "veiligheid",
            "nazorg_zorg_weggevallen", "meerdere_melders", "aanhoudende_achterstand",
        ])
        #expect(policy.rules.map(\.level) == [.red, .red, .red, .red, .amber, .amber, .amber, .amber])
        #expect(policy.rules.map(\.holdFor) == [nil, nil, nil, nil, nil, nil, nil, .days(14)])
        #expect(policy.scoring == .standard)
        #expect(policy.levels == .standard)
        #expect(policy.aftercare == .standard)
        #expect(policy.buildings == .standard)
    }
}
