import Testing
import WaakvlamRules

/// SplitMix64: a tiny seeded generator, so the hostile inputs are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Answers every call with a fixed value, so accepted random conditions can also be evaluated and traced.
struct ConstantFacts: ConditionFacts {
    func number(_ call: FunctionCall) -> Double { 3 }
    func truth(_ call: FunctionCall) -> Bool { true }
}

@Suite("Condition parser on hostile input")
struct ConditionFuzzTests {
    /// Pieces of the language and its usual mistakes; random sequences of these reach deep into the parser.
    static let pieces: [String] = [
        "(", ")", ",", ".", "*", "<", ">", "=", "!", " ", "\n", "\t", "_", "-", "&", "@", "é", "\r\n",
        "0", "1", "9", "d", "w", "s", "a", "z", "A",
        "and", "or", "not", "true", "false", "count", "score()", "feud()", "origin(", "bw", "nuisance",
        "overlast.*", "overlast.geluid", "30d", "2.5", ">=", "==", "!=", "1234567890d",
    ]

    /// A random string of pieces, or a valid example with a few characters changed.
    static func hostileInput(_ random: inout SeededGenerator) -> String {
        if Bool.random(using: &random) {
            let length = Int.random(in: 0...24, using: &random)
            return (0..<length).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
        var characters = Array(exampleConditions.randomElement(using: &random)!)
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let piece = Array(pieces.randomElement(using: &random)!)
            let at = Int.random(in: 0...characters.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where at < characters.count: characters.remove(at: at)
            case 1 where at < characters.count: characters[at] = piece[0]
            default: characters.insert(contentsOf: piece, at: at)
            }
        }
        return String(characters)
    }

    @Test("given 5000 seeded hostile strings, when parsed, then each parses and round-trips or throws an error inside the text")
    func neverCrashes() throws {
        var random = SeededGenerator(seed: 0x5741_414B_564C_414D)
        var accepted = 0
        var rejected = 0
        for _ in 0..<5_000 {
            let text = Self.hostileInput(&random)
            do {
                let condition = try parser.parse(text)
                accepted += 1
                #expect(try parser.parse(condition.description) == condition, "\(text.debugDescription)")
                _ = condition.evaluate(ConstantFacts())
                #expect(condition.trace(ConstantFacts()).count == condition.calls.count)
            } catch {
                rejected += 1
                let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                #expect(error.line >= 1 && error.line <= max(lines.count, 1), "\(text.debugDescription): \(error)")
                if error.line <= lines.count {
                    #expect(error.column >= 1 && error.column <= lines[error.line - 1].count + 1, "\(text.debugDescription): \(error)")
                }
                #expect(!error.message.isEmpty)
            }
        }
        // Both paths must be exercised, or the generator has drifted into testing nothing.
        #expect(accepted > 50)
        #expect(rejected > 1_000)
    }
}
