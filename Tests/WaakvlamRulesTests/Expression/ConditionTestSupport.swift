import WaakvlamRules

/// The signal type codes of the shipped rules.yaml.
let knownTypes: Set<String> = [
    "overlast.geluid", "overlast.agressie", "overlast.vervuiling", "overlast.drugs", "overlast.verward",
    "achterstand.huur", "achterstand.energie", "achterstand.water", "achterstand.zorgverzekering",
    "waarneming.verwaarlozing", "waarneming.deur_dicht", "waarneming.gordijnen_dicht", "waarneming.post",
    "waarneming.hennep", "waarneming.schade",
    "zorg.gestopt", "zorg.geweigerd", "zorg.niet_binnengelaten", "zorg.medicatie_gestopt",
    "veiligheid.politie", "veiligheid.calamiteit",
    "positief.contact", "positief.betalingsregeling", "positief.achterstand_voldaan",
]

let parser = ConditionParser(knownTypes: knownTypes)

/// The conditions from the language description, as rules.yaml would write them.
let exampleConditions = [
    "days_overdue(arrears) >= 60 and minors() > 0",
    "count(waarneming.hennep, 30d) >= 1",
    "count(zorg.niet_binnengelaten, 60d) >= 1 and count(zorg.medicatie_gestopt, 60d) >= 1",
    "reporters(nuisance, 90d) >= 3 or (count(veiligheid.*, 14d) >= 1 and not feud())",
    "origin(bw, mo, kliniek) and count(care, 90d) >= 1",
    "score() >= 6 and domains() >= 3",
]

/// Facts from a table keyed by the call's canonical text; remembers every question, in order.
///
/// A class so the non-mutating protocol methods can record; tests use it on one thread.
final class RecordingFacts: ConditionFacts {
    var numbers: [String: Double]
    var truths: [String: Bool]
    private(set) var asked: [String] = []

    init(numbers: [String: Double] = [:], truths: [String: Bool] = [:]) {
        self.numbers = numbers
        self.truths = truths
    }

    func number(_ call: FunctionCall) -> Double {
        asked.append(call.description)
        return numbers[call.description] ?? 0
    }

    func truth(_ call: FunctionCall) -> Bool {
        asked.append(call.description)
        return truths[call.description] ?? false
    }
}

/// Parses text the test expects to be valid; a failure shows the parser's message.
func parsed(_ text: String) throws -> Condition {
    try parser.parse(text)
}

/// The error parsing `text` throws, or nil when it parses.
func parseError(_ text: String) -> ConditionError? {
    do {
        _ = try parser.parse(text)
        return nil
    } catch {
        return error
    }
}
