import Testing
import WaakvlamRules

@Suite("Condition evaluation")
struct ConditionEvaluationTests {
    static let comparisonAnswers: [(String, [Bool])] = [
        ("<", [false, false, true]), ("<=", [false, true, true]), (">", [true, false, false]),
        (">=", [true, true, false]), ("==", [false, true, false]), ("!=", [true, false, true]),
    ]

    @Test("given arrears 75 days overdue and one minor, when evaluated, then the first example holds; without minors it does not")
    func firstExample() throws {
        let condition = try parsed("days_overdue(arrears) >= 60 and minors() > 0")
        #expect(condition.evaluate(RecordingFacts(numbers: ["days_overdue(arrears)": 75, "minors()": 1])))
        #expect(!condition.evaluate(RecordingFacts(numbers: ["days_overdue(arrears)": 75, "minors()": 0])))
        #expect(!condition.evaluate(RecordingFacts(numbers: ["days_overdue(arrears)": 59, "minors()": 2])))
    }

    @Test("given each comparison, when evaluated on 5 against 3, 5 and 7, then it answers as arithmetic does",
          arguments: Self.comparisonAnswers)
    func comparisons(operator text: String, expected: [Bool]) throws {
        let facts = RecordingFacts(numbers: ["score()": 5])
        let answers = try [3, 5, 7].map { try parsed("score() \(text) \($0)").evaluate(facts) }
        #expect(answers == expected)
    }

    @Test("given 'and' whose left side is false, when evaluated, then the right side is never asked")
    func andShortCircuits() throws {
        let facts = RecordingFacts(numbers: ["score()": 9], truths: ["feud()": false])
        #expect(!(try parsed("feud() and score() > 3")).evaluate(facts))
        #expect(facts.asked == ["feud()"])
    }

    @Test("given 'or' whose left side is true, when evaluated, then the right side is never asked")
    func orShortCircuits() throws {
        let facts = RecordingFacts(truths: ["feud()": true])
        #expect(try parsed("feud() or count(nuisance, 30d) >= 1 and aftercare()").evaluate(facts))
        #expect(facts.asked == ["feud()"])
    }

    @Test("given 'or' whose left side is false, when evaluated, then the right side decides")
    func orFallsThrough() throws {
        let facts = RecordingFacts(numbers: ["count(nuisance, 30d)": 2], truths: ["aftercare()": true])
        #expect(try parsed("feud() or count(nuisance, 30d) >= 1 and aftercare()").evaluate(facts))
        #expect(facts.asked == ["feud()", "count(nuisance, 30d)", "aftercare()"])
    }

    @Test("given a condition, when traced, then every call is reported with its value, even calls evaluation would skip")
    func trace() throws {
        let condition = try parsed("feud() or days_overdue(arrears) >= 60 and origin(bw, mo)")
        let facts = RecordingFacts(numbers: ["days_overdue(arrears)": 75], truths: ["feud()": true, "origin(bw, mo)": false])
        let trace = condition.trace(facts)
        #expect(trace.map(\.call.description) == ["feud()", "days_overdue(arrears)", "origin(bw, mo)"])
        #expect(trace.map(\.value) == [.boolean(true), .number(75), .boolean(false)])
        #expect(trace.map(\.value.description) == ["true", "75", "false"])
    }

    @Test("given literals true and false, when evaluated, then they need no facts")
    func literals() throws {
        let facts = RecordingFacts()
        #expect(try parsed("true").evaluate(facts))
        #expect(!(try parsed("false or not true")).evaluate(facts))
        #expect(facts.asked.isEmpty)
    }

    @Test("given a fractional threshold, when evaluated, then the comparison uses the exact value")
    func fractions() throws {
        let condition = try parsed("amount(arrears) > 2.5")
        #expect(condition.evaluate(RecordingFacts(numbers: ["amount(arrears)": 2.51])))
        #expect(!condition.evaluate(RecordingFacts(numbers: ["amount(arrears)": 2.5])))
    }
}
