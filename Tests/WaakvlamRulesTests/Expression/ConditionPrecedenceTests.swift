import Testing
import WaakvlamRules

@Suite("Condition precedence")
struct ConditionPrecedenceTests {
    @Test("given 'a or b and c', when parsed, then 'and' binds tighter than 'or'")
    func andBindsTighterThanOr() throws {
        let condition = try parsed("feud() or aftercare() and false")
        #expect(condition == (try parsed("feud() or (aftercare() and false)")))
        #expect(condition != (try parsed("(feud() or aftercare()) and false")))
        // With feud() true the grouping shows in the answer: (true or x) and false would be false.
        #expect(condition.evaluate(RecordingFacts(truths: ["feud()": true])))
    }

    @Test("given 'not a and b', when parsed, then 'not' applies to 'a' only")
    func notBindsTighterThanAnd() throws {
        let condition = try parsed("not feud() and aftercare()")
        #expect(condition == (try parsed("(not feud()) and aftercare()")))
        #expect(condition != (try parsed("not (feud() and aftercare())")))
    }

    @Test("given 'not x > 3', when parsed, then 'not' applies to the whole comparison")
    func comparisonBindsTighterThanNot() throws {
        let condition = try parsed("not score() > 3")
        #expect(condition == (try parsed("not (score() > 3)")))
        #expect(condition.evaluate(RecordingFacts(numbers: ["score()": 2])))
        #expect(!condition.evaluate(RecordingFacts(numbers: ["score()": 4])))
    }

    @Test("given double negation and redundant parentheses, when parsed, then they nest as written")
    func nestedNegationAndParentheses() throws {
        let condition = try parsed("not not ((feud()))")
        #expect(condition.description == "not not feud()")
        #expect(condition.evaluate(RecordingFacts(truths: ["feud()": true])))
    }

    @Test("given parentheses around a number, when compared, then the number is still a number")
    func parenthesisedNumber() throws {
        #expect(try parsed("(score()) >= (6)") == parsed("score() >= 6"))
    }

    @Test("given chains of 'or' and 'and', when parsed, then they group to the left")
    func leftAssociative() throws {
        #expect(try parsed("feud() or aftercare() or true") == parsed("(feud() or aftercare()) or true"))
        #expect(try parsed("feud() or aftercare() or true") != parsed("feud() or (aftercare() or true)"))
        #expect(try parsed("feud() and aftercare() and true") == parsed("(feud() and aftercare()) and true"))
    }
}
