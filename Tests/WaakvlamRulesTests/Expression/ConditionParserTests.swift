import Testing
import WaakvlamCore
import WaakvlamRules

@Suite("ConditionParser")
struct ConditionParserTests {
    static let durations: [(String, Int64)] = [("4w", 4 * 604_800), ("90d", 90 * 86_400), ("12h", 12 * 3_600), ("30m", 30 * 60), ("45s", 45)]

    @Test("given the documented examples, when parsed, then each is accepted, keeps its text and prints canonically",
          arguments: zip(exampleConditions, [
              "days_overdue(arrears) >= 60 and minors() > 0",
              "count(waarneming.hennep, 30d) >= 1",
              "count(zorg.niet_binnengelaten, 60d) >= 1 and count(zorg.medicatie_gestopt, 60d) >= 1",
              // 'and' binds tighter than 'or', so the parentheses are not needed; 14 days are 2 weeks.
              "reporters(nuisance, 90d) >= 3 or count(veiligheid.*, 2w) >= 1 and not feud()",
              "origin(bw, mo, kliniek) and count(care, 90d) >= 1",
              "score() >= 6 and domains() >= 3",
          ]))
    func examplesParse(text: String, canonical: String) throws {
        let condition = try parsed(text)
        #expect(condition.text == text)
        #expect(condition.description == canonical)
    }

    @Test("given a condition with repeated and varied calls, when parsed, then calls are listed once each in source order")
    func callsInSourceOrder() throws {
        let condition = try parsed("count(zorg.niet_binnengelaten, 60d) >= 1 and score() > 2 and count(zorg.niet_binnengelaten, 60d) < 9 or feud()")
        #expect(condition.calls.map(\.description) == ["count(zorg.niet_binnengelaten, 60d)", "score()", "feud()"])
    }

    @Test("given selectors of all three kinds, when parsed, then each becomes the matching SignalSelector")
    func selectorKinds() throws {
        let condition = try parsed("count(nuisance, 30d) >= 1 and count(overlast.geluid, 30d) >= 1 and count(overlast.*, 30d) >= 1")
        #expect(condition.calls.map(\.selector) == [.family(.nuisance), .type("overlast.geluid"), .prefix("overlast")])
        #expect(condition.calls.allSatisfy { $0.window == .days(30) })
    }

    @Test("given every function, when called with valid arguments, then the call carries exactly those arguments")
    func everyFunction() throws {
        let count = try #require(try parsed("count(care, 2w) >= 0").calls.first)
        #expect(count.function == .count && count.selector == .family(.care) && count.window == .days(14))
        let all = try parsed("""
            reporters(nuisance, 90d) > 0 and days_overdue(arrears) > 0 and amount(achterstand.huur) > 0
            and days_since(positief.*) > 0 and domains() > 0 and score() > 0 and minors() > 0
            and origin(bw, mo) and support(ambulant, intensief) and aftercare() and feud()
            """)
        #expect(all.calls.map(\.function) == RuleFunction.allCases.filter { $0 != .count })
        let origin = try #require(all.calls.first { $0.function == .origin })
        #expect(origin.origins == [.bw, .mo])
        #expect(origin.selector == nil && origin.window == nil)
        let support = try #require(all.calls.first { $0.function == .support })
        #expect(support.supports == [.ambulant, .intensief])
    }

    @Test("given durations in every unit, when used as windows, then they become the right number of seconds",
          arguments: Self.durations)
    func durationUnits(text: String, seconds: Int64) throws {
        let condition = try parsed("count(nuisance, \(text)) >= 1")
        #expect(condition.calls.first?.window == TimeSpan(seconds: seconds))
    }

    @Test("given a condition spread over lines with tabs and extra spaces, when parsed, then whitespace does not matter")
    func multiLine() throws {
        let condition = try parsed("\n  score() >= 6\n\tand\n  domains( ) >= 3\n")
        #expect(condition == (try parsed("score() >= 6 and domains() >= 3")))
    }

    @Test("given the family name 'nuisance' and a parser knowing no types, when used as a selector, then families still resolve")
    func familiesNeedNoKnownTypes() throws {
        let bare = ConditionParser(knownTypes: [])
        let condition = try bare.parse("count(safety, 14d) >= 1")
        #expect(condition.calls.first?.selector == .family(.safety))
        #expect(bare.knownTypes.isEmpty)
    }
}

