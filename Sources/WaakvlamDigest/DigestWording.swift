import WaakvlamCore

/// Every word a digest prints, in Dutch or English. Non-stigmatising by design: a colour is
/// an invitation to a conversation, never a verdict.
public struct DigestWording: Sendable {
    /// The language.
    public let language: DigestLanguage

    /// Creates the wording for `language`.
    public init(_ language: DigestLanguage) { self.language = language }

    private func say(_ dutch: String, _ english: String) -> String { language == .dutch ? dutch : english }

    /// groen/oranje/rood or green/amber/red.
    public func level(_ level: Level?) -> String {
        guard let level else { return say("onbekend", "unknown") }
        return language == .dutch ? level.dutchName : level.rawValue
    }

    /// What a colour asks of the reader.
    public func invitation(_ level: Level?) -> String {
        switch level {
        case .red: say("Rood: nodig uit voor een gezamenlijk gesprek, snel", "Red: an invitation to a joint conversation, soon")
        case .amber: say("Oranje: een laagdrempelig contact, zoals een bezoek of een kop koffie", "Amber: a low-threshold contact, such as a visit or a cup of coffee")
        default: say("Groen: niets te doen", "Green: nothing to do")
        }
    }

    /// The placement advice for a building at `level`.
    public func advice(_ level: Level) -> String {
        switch level {
        case .green: say("het kan nog prima", "placing a vulnerable resident is fine")
        case .amber: say("alleen bewoners zonder zware problematiek", "only residents without heavy problems")
        case .red: say("geen ruimte meer voor kwetsbare plaatsing", "no room for a further vulnerable placement")
        }
    }

    /// A building measure in words.
    public func measure(_ kind: String) -> String {
        switch kind {
        case "concern_share": say("veel huishoudens op oranje of rood", "many households at amber or red")
        case "nuisance_per_dwelling": say("veel overlastmeldingen per woning", "many nuisance reports per dwelling")
        case "vulnerable_share": say("veel bewoners uit beschermd wonen, opvang of kliniek", "many residents from sheltered housing, shelter or clinic")
        case "turnover": say("veel wisselingen van bewoners", "many residents moving in recently")
        default: kind
        }
    }

    /// The one-letter trend mark of a level (unknown: a dot).
    public func mark(_ level: Level?) -> String {
        switch level {
        case .red: "R"
        case .amber: say("O", "A")
        case .green: "G"
        case nil: "·"
        }
    }

    /// A day in words: "dinsdag 24 november 2026" / "Tuesday 24 November 2026".
    public func date(_ day: LocalDate) -> String {
        // 1970-01-01 was a Thursday.
        let weekday = Int(((day.daysSinceEpoch % 7) + 7 + 3) % 7)
        let weekdays = say("maandag dinsdag woensdag donderdag vrijdag zaterdag zondag", "Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
        let months = say("januari februari maart april mei juni juli augustus september oktober november december",
                         "January February March April May June July August September October November December")
        let weekdayName = weekdays.split(separator: " ")[weekday], monthName = months.split(separator: " ")[day.month - 1]
        return "\(weekdayName) \(day.day) \(monthName) \(day.year)"
    }

    /// A score with one decimal in the language's style.
    public func score(_ value: Double) -> String {
        let text = String((value * 10).rounded() / 10)
        return language == .dutch ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    var title: String { say("Waakvlam dagoverzicht", "Waakvlam daily digest") }
    var allTeams: String { say("Alle teams", "All teams") }
    var motto: String {
        say("Een kleur is een uitnodiging tot een gesprek, nooit een oordeel. Vaak is het onmacht, niet onwil.",
            "A colour is an invitation to a conversation, never a verdict. Often it is inability, not unwillingness.")
    }
    var newReds: String { say("Nieuw op rood", "New at red") }
    var newAmbers: String { say("Nieuw op oranje", "New at amber") }
    var overdue: String { say("Nog niet opgepakt (termijn verstreken)", "Not yet picked up (past the deadline)") }
    var deEscalations: String { say("Afgeschaald, de zorg is minder geworden", "Stepped down, the concern eased") }
    var checkIns: String { say("Nazorg, vinger aan de pols vandaag", "Aftercare check-ins due today") }
    var buildings: String { say("Gebouwen op oranje of rood", "Buildings at amber or red") }
    var none: String { say("geen", "none") }
    var quiet: String { say("Niets nieuws vandaag.", "Nothing new today.") }
    var why: String { say("Waarom", "Why") }
    var signalsLabel: String { say("Signalen", "Signals") }
    var placement: String { say("Plaatsingsadvies", "Placement advice") }
    var trend: String { say("Laatste 8 weken", "Last 8 weeks") }
    var trendLegend: String { say("G groen, O oranje, R rood, · onbekend; oudste week eerst", "G green, A amber, R red, · unknown; oldest week first") }
    var privacy: String {
        say("Vertrouwelijk: alleen voor wie de opvolging doet. Huishoudens staan er alleen met hun referentie in.",
            "Confidential: only for those who follow up. Households appear by their reference only.")
    }

    /// "De signalen tellen op (score 4,3)" when no named rule fired.
    func addUp(_ score: Double) -> String {
        say("De signalen samen tellen op (score \(self.score(score)))", "The signals add up together (score \(self.score(score)))")
    }

    func wasLevel(_ from: Level?) -> String {
        from.map { say("was \(level($0))", "was \(level($0))") } ?? say("nieuw", "new")
    }

    func stepDown(from: Level?, to: Level?) -> String {
        say("van \(level(from)) naar \(level(to))", "from \(level(from)) to \(level(to))")
    }

    func pickUpBy(_ day: LocalDate) -> String { say("graag opgepakt uiterlijk \(date(day))", "please pick up by \(date(day))") }

    func deadlinePassed(_ deadline: LocalDate?, on day: LocalDate) -> String {
        guard let deadline else { return say("termijn verstreken", "past the deadline") }
        if deadline == day { return say("termijn loopt vandaag af", "the deadline is today") }
        return say("termijn was \(date(deadline))", "the deadline was \(date(deadline))")
    }

    func rung(_ rung: Int) -> String { say("trede \(rung + 1) van de ladder", "rung \(rung + 1) of the ladder") }

    func since(_ day: LocalDate) -> String { say("sinds \(date(day))", "since \(date(day))") }

    func team(_ team: Team) -> String { team.name == team.id ? team.id : "\(team.name) (\(team.id))" }
}
