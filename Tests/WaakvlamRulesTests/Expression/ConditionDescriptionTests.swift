import Testing
import WaakvlamRules

@Suite("Condition description")
struct ConditionDescriptionTests {
    @Test("given conditions written loosely, when described, then the canonical text has single spaces and only needed parentheses",
          arguments: [
              ("score()>=6   and\n domains( ) >= 3", "score() >= 6 and domains() >= 3"),
              ("(feud() or aftercare()) and minors() > 0", "(feud() or aftercare()) and minors() > 0"),
              ("feud() or (aftercare() and minors() > 0)", "feud() or aftercare() and minors() > 0"),
              ("not (feud() or aftercare())", "not (feud() or aftercare())"),
              ("feud() or (aftercare() or true)", "feud() or (aftercare() or true)"),
              ("feud() and (aftercare() and true)", "feud() and (aftercare() and true)"),
              ("(not feud()) and aftercare()", "not feud() and aftercare()"),
              ("score() >= 2.50", "score() >= 2.5"),
              ("score() > 007", "score() > 7"),
              ("score() > 0.00001", "score() > 0.00001"),
              ("score() < 123456789012345", "score() < 123456789012345"),
              ("count(veiligheid.*, 14d) >= 1", "count(veiligheid.*, 2w) >= 1"),
              ("count(nuisance,120m)>=1", "count(nuisance, 2h) >= 1"),
              ("origin(bw,mo) or support(geen)", "origin(bw, mo) or support(geen)"),
          ])
    func canonicalText(text: String, canonical: String) throws {
        #expect(try parsed(text).description == canonical)
    }

    @Test("given any accepted condition, when its description is parsed again, then the result is equal", arguments: exampleConditions + [
        "not (feud() or aftercare()) and (score() > 0.125 or true)",
        "feud() or (aftercare() or (true and not false))",
        "reporters(overlast.*, 4w) != 0 and days_since(zorg.gestopt) <= 0.5",
    ])
    func roundTrip(text: String) throws {
        let condition = try parsed(text)
        let again = try parsed(condition.description)
        #expect(again == condition)
        #expect(again.description == condition.description)
    }

    @Test("given function calls, when described, then each reads as written in a rule")
    func callDescriptions() {
        #expect(FunctionCall(function: .count, selector: .prefix("overlast"), window: .days(90)).description == "count(overlast.*, 90d)")
        #expect(FunctionCall(function: .daysOverdue, selector: .family(.arrears)).description == "days_overdue(arrears)")
        #expect(FunctionCall(function: .support, supports: [.geen, .ambulant]).description == "support(geen, ambulant)")
        #expect(FunctionCall(function: .feud).description == "feud()")
        #expect(ConditionValue.number(2.5).description == "2.5")
    }
}
