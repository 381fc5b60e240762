import Foundation
import Testing
import WaakvlamCore
@testable import WaakvlamConfig

@Suite("RulesLoader")
struct RulesLoaderTests {
    static let file = "/etc/waakvlam/rules.yaml"

    /// Valid rules; tests change one line (1-based) at a time.
    static let lines = [
        "version: 1",                                    // 1
        "domains:",                                      // 2
        "  sociaal: Contact met buren",                  // 3
        "  financien: Geldzaken",                        // 4
        "signal_types:",                                 // 5
        "  overlast.geluid:",                            // 6
        "    family: nuisance",                          // 7
        "    domain: sociaal",                           // 8
        "    weight: 1.0",                               // 9
        "    half_life: 30d",                            // 10
        "    description: Geluidsoverlast",              // 11
        "  positief.achterstand_voldaan:",               // 12
        "    family: positive",                          // 13
        "    domain: financien",                         // 14
        "    weight: -3",                                // 15
        "    half_life: 60d",                            // 16
        "arrears:",                                      // 17
        "  repeat_window: 90d",                          // 18
        "  closed_by: [positief.achterstand_voldaan]",   // 19
    ]

    static func text(replacing changes: [Int: String] = [:], removing removed: Set<Int> = [], appending extra: [String] = []) -> String {
        var result: [String] = []
        for (index, line) in lines.enumerated() where !removed.contains(index + 1) {
            result.append(changes[index + 1] ?? line)
        }
        return (result + extra).joined(separator: "\n") + "\n"
    }

    static func parse(_ text: String) -> Result<RuleSet, ConfigurationError> { RulesLoader.parse(text, file: file).map(\.ruleSet) }

    static func problems(_ changes: [Int: String] = [:], removing removed: Set<Int> = [], appending extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        diagnostics(parse(text(replacing: changes, removing: removed, appending: extra)), sourceLocation: sourceLocation).map(\.description)
    }

    // MARK: valid rules

    @Test("valid rules are read: domains in order, types with family, domain, weight and half-life, the arrears policy")
    func validRules() throws {
        let rules = try Self.parse(Self.text()).get()
        #expect(rules.domains == ["sociaal", "financien"])
        #expect(rules.signalType("overlast.geluid") == SignalType(code: "overlast.geluid", family: .nuisance, domain: "sociaal", weight: 1, halfLife: .days(30), description: "Geluidsoverlast"))
        #expect(rules.signalType("positief.achterstand_voldaan") == SignalType(code: "positief.achterstand_voldaan", family: .positive, domain: "financien", weight: -3, halfLife: .days(60)))
        #expect(rules.signalTypes.count == 2)
        #expect(rules.arrears == ArrearsPolicy(repeatWindow: .days(90), closedBy: ["positief.achterstand_voldaan"]))
    }

    @Test("closed_by may be left out")
    func closedByOptional() throws {
        #expect(try Self.parse(Self.text(removing: [19])).get().arrears.closedBy.isEmpty)
    }

    // MARK: problems, each at its position

    @Test("an unknown key in a signal type is an error at the key; the key it replaced is missing")
    func misspeltKey() {
        #expect(Self.problems([10: "    half_lfie: 30d"]) == [
            "\(Self.file):7:5: signal type 'overlast.geluid' is missing required key 'half_life'",
            "\(Self.file):10:5: unknown key 'half_lfie' in signal type 'overlast.geluid'",
        ])
    }

    @Test("unknown keys are errors wherever they are", arguments: [
        (18, "  repeat_windo: 90d", "18:3: unknown key 'repeat_windo' in 'arrears'"),
        (1, "versoin: 1", "1:1: unknown key 'versoin' in the rules file"),
    ])
    func unknownKeys(line: Int, text: String, expected: String) {
        #expect(Self.problems([line: text]).contains("\(Self.file):\(expected)"))
    }

    @Test("bad half-lives are errors at the value", arguments: ["30 days", "30", "30D", "-30d", "59m", "3599s", "[30d]"])
    func badHalfLife(text: String) {
        #expect(Self.problems([10: "    half_life: \(text)"]) == ["\(Self.file):10:16: 'half_life' must be a duration such as 90d, 2w, 12h, 30m or 45s (at least 3600s)"])
    }

    @Test("a half-life of one hour is the shortest allowed")
    func shortestHalfLife() throws {
        #expect(try Self.parse(Self.text(replacing: [10: "    half_life: 1h"])).get().signalType("overlast.geluid")?.halfLife == TimeSpan(seconds: 3_600))
    }

    @Test("a repeat window shorter than a day is an error at the value")
    func shortRepeatWindow() {
        #expect(Self.problems([18: "  repeat_window: 23h"]) == ["\(Self.file):18:18: 'repeat_window' must be a duration such as 90d, 2w, 12h, 30m or 45s (at least 86400s)"])
    }

    @Test("an unknown family is an error at the value, listing the families", arguments: ["overlast", "Nuisance", "[nuisance]"])
    func unknownFamily(text: String) {
        #expect(Self.problems([7: "    family: \(text)"]) == ["\(Self.file):7:13: family must be one of nuisance, arrears, observation, care, safety, positive"])
    }

    @Test("a domain not listed under 'domains' is an error at the value")
    func unknownDomain() {
        #expect(Self.problems([8: "    domain: wonen"]) == ["\(Self.file):8:13: domain 'wonen' is not listed under 'domains'"])
    }

    @Test("a domain that is not a text is an error at the value, not a silently dropped signal type")
    func domainNotText() {
        #expect(Self.problems([8: "    domain: [sociaal]"]) == ["\(Self.file):8:13: domain must be one of the names listed under 'domains'"])
        #expect(Self.problems([8: "    domain: {naam: sociaal}"]) == ["\(Self.file):8:13: domain must be one of the names listed under 'domains'"])
    }

    @Test("signal type codes are lower-case words joined by '.'", arguments: ["Overlast.Geluid", "overlast", "overlast..geluid", "overlast.geluid.", "overlast geluid", ".geluid"])
    func badCode(code: String) {
        #expect(Self.problems([6: "  \(code):"]) == ["\(Self.file):6:3: a signal type code is lower-case words joined by '.', e.g. overlast.geluid"])
    }

    @Test("a code may have more than two parts, digits, '_' and '-'")
    func longerCodes() throws {
        let rules = try Self.parse(Self.text(replacing: [6: "  overlast.geluid_2.nacht-rust:"])).get()
        #expect(rules.signalType("overlast.geluid_2.nacht-rust") != nil)
    }

    @Test("weights must be numbers from -100 to 100", arguments: ["zwaar", "101", "-100.5", ".nan", ".inf"])
    func badWeight(text: String) {
        #expect(Self.problems([9: "    weight: \(text)"]) == ["\(Self.file):9:13: 'weight' must be a number from -100.0 to 100.0"])
    }

    @Test("a positive signal type must not raise concern")
    func positiveWeight() {
        #expect(Self.problems([15: "    weight: 0.5"]) == ["\(Self.file):13:5: positive signal type 'positief.achterstand_voldaan' must have a weight of 0 or less: it lowers concern"])
        #expect(throws: Never.self) { try Self.parse(Self.text(replacing: [15: "    weight: 0"])).get() }
    }

    @Test("each required key of a signal type is named when missing", arguments: [(7, "family"), (8, "domain"), (9, "weight"), (10, "half_life")])
    func missingTypeKey(line: Int, key: String) {
        // the type's mapping starts at its first key, on line 7 whichever line was removed
        #expect(Self.problems(removing: [line]) == ["\(Self.file):7:5: signal type 'overlast.geluid' is missing required key '\(key)'"])
    }

    @Test("closed_by must name defined signal types")
    func unknownCloser() {
        #expect(Self.problems([19: "  closed_by: [positief.achterstand_voldaan, positief.betaald]"]) == ["\(Self.file):19:45: unknown signal type 'positief.betaald' in 'closed_by'"])
    }

    @Test("the version is required and must be 1")
    func version() {
        #expect(Self.problems([1: "version: 2"]) == ["\(Self.file):1:10: 'version' must be a whole number from 1 to 1"])
        #expect(Self.problems(removing: [1]) == ["\(Self.file):1:1: the rules file is missing required key 'version'"])
    }

    @Test("a domain needs a lower-case name and a description")
    func badDomain() {
        #expect(Self.problems([4: "  Financien: Geldzaken"]).contains("\(Self.file):4:3: a domain name must be lower-case letters, digits, '_' or '-'"))
        #expect(Self.problems([4: "  financien: [geld]"]) == ["\(Self.file):4:14: domain 'financien' needs a short description as text"])
    }

    @Test("a signal type defined twice is an error naming it")
    func duplicateSignalType() {
        // given a second definition just before 'arrears:' on line 17
        let found = diagnostics(Self.parse(Self.text(inserting: ["  overlast.geluid: {family: nuisance, domain: sociaal, weight: 1, half_life: 30d}"], before: 17)))
        #expect(found.map(\.message) == ["key 'overlast.geluid' appears twice in one mapping"])
        #expect(found.first.map { [6, 17].contains($0.line) } == true, "\(found)")
    }

    @Test("YAML syntax errors are reported at their position")
    func syntaxErrors() throws {
        let unclosed = diagnostics(Self.parse(Self.text(replacing: [11: "    description: \"Geluidsoverlast"])))
        #expect(unclosed.count == 1)
        #expect(unclosed.first?.message.hasPrefix("YAML: ") == true)
        #expect((unclosed.first?.line ?? 0) >= 11)
        let indentation = diagnostics(Self.parse(Self.text(replacing: [9: "   weight: 1.0"])))
        #expect(indentation.count == 1)
        #expect(indentation.first?.line == 9, "\(indentation)")
        #expect(indentation.first?.message.hasPrefix("YAML: ") == true)
    }

    @Test("an empty rules file says so")
    func empty() {
        #expect(diagnostics(Self.parse("")).map(\.description) == ["\(Self.file):1:1: the rules file is empty"])
        #expect(diagnostics(Self.parse("[]")).map(\.description) == ["\(Self.file):1:1: the rules file must be a mapping of keys to values"])
    }

    @Test("every problem is reported at once, in file order")
    func everyProblem() {
        let found = diagnostics(Self.parse(Self.text(replacing: [1: "versie: 1", 8: "    domain: wonen", 16: "    half_life: lang", 19: "  closed_by: [x.y]"])))
        #expect(found.map(\.line) == [1, 1, 8, 16, 19], "\(found.map(\.description))")
    }

    // MARK: the shipped rules

    /// The signal codes docs/contract.md promises, by family.
    static let promised: [SignalFamily: [String]] = [
        .nuisance: ["overlast.geluid", "overlast.agressie", "overlast.vervuiling", "overlast.drugs", "overlast.verward"],
        .arrears: ["achterstand.huur", "achterstand.energie", "achterstand.water", "achterstand.zorgverzekering"],
        .observation: ["waarneming.verwaarlozing", "waarneming.deur_dicht", "waarneming.gordijnen_dicht", "waarneming.post", "waarneming.hennep", "waarneming.schade"],
        .care: ["zorg.gestopt", "zorg.geweigerd", "zorg.niet_binnengelaten", "zorg.medicatie_gestopt"],
        .safety: ["veiligheid.politie", "veiligheid.calamiteit"],
        .positive: ["positief.contact", "positief.betalingsregeling", "positief.achterstand_voldaan"],
    ]

    static func shippedRules() throws -> RuleSet {
        let path = try packageRoot().appendingPathComponent("config/rules.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let result = RulesLoader.parse(text, file: path).map(\.ruleSet)
        if case .failure(let error) = result { Issue.record("the shipped rules do not load:\n\(error)") }
        return try result.get()
    }

    @Test("the shipped rules define every signal code docs/contract.md lists, in its family", arguments: SignalFamily.allCases)
    func shippedCodes(family: SignalFamily) throws {
        let rules = try Self.shippedRules()
        for code in Self.promised[family] ?? [] {
            let type = rules.signalType(code)
            #expect(type != nil, "\(code) is missing from config/rules.yaml")
            #expect(type?.family == family, "\(code) is in family \(type.map { $0.family.rawValue } ?? "-")")
        }
    }

    @Test("the shipped rules are sane: positive types lower concern, others raise it, arrears close on payment")
    func shippedPolicy() throws {
        let rules = try Self.shippedRules()
        for type in rules.signalTypes.values {
            if type.family == .positive { #expect(type.weight < 0, "\(type.code)") } else { #expect(type.weight > 0, "\(type.code)") }
            #expect(rules.domains.contains(type.domain))
        }
        #expect(rules.arrears.closedBy.contains("positief.achterstand_voldaan"))
        #expect(rules.arrears.repeatWindow >= .days(1))
    }
}

extension RulesLoaderTests {
    /// The valid rules with `extra` lines inserted before line `line`.
    static func text(inserting extra: [String], before line: Int) -> String {
        var result = lines
        result.insert(contentsOf: extra, at: line - 1)
        return result.joined(separator: "\n") + "\n"
    }
}
