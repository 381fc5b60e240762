/// Short Dutch notes for signals: never names, addresses or diagnoses.
///
/// A few contain a comma or double quotes, so that feed writers and readers
/// exercise CSV quoting.
enum SignalNotes {
    static let nuisance = [
        "melding via buurtapp", "harde muziek na 23:00", "geschreeuw in de woning, deuren dichtgeslagen",
        "\"het houdt maar niet op\" volgens melder", "stank in het portiek", "meerdere melders dezelfde avond",
        "telefonisch gemeld bij de wijkbeheerder", "melder wil anoniem blijven", "bezoek tot laat, veel loopverkeer",
        "afval op de galerij, ook na aanspreken", "onrustig gedrag in het trappenhuis",
    ]
    static let feud = [
        "melder en buren liggen al langer met elkaar overhoop", "wederzijdse klachten, buurtbemiddeling voorgesteld",
        "klacht over \"pesterijen\" van de buren", "ruzie over de gedeelde tuin",
    ]
    static let arrears = [
        "tweede herinnering verstuurd", "geen reactie op brief, ook niet telefonisch", "melding via vroegsignalering",
        "betaalafspraak niet nagekomen", "huisbezoek gepland",
    ]
    static let observation = [
        "brievenbus puilt uit", "tuin overwoekerd, afval in de voortuin", "gordijnen al weken dicht",
        "deur niet geopend bij huisbezoek", "schade aan de voordeur", "\"sterke geur\" bij de voordeur, navraag gedaan",
        "balkon vol spullen", "ramen beplakt", "bij reparatieverzoek niemand thuis",
    ]
    static let care = [
        "begeleiding gestopt op verzoek van bewoner", "begeleider niet binnengelaten", "afspraken gemist",
        "medicatie-inname niet meer zeker, volgens begeleider", "indicatie afgelopen, nazorg afgesproken",
        "zorg geweigerd, wel bereid tot \"een kop koffie\"",
    ]
    static let safety = [
        "politie heeft bewoner thuisgebracht", "brandje in de keuken, geen gewonden", "wijkagent geïnformeerd",
        "melding via 112, situatie rustig bij aankomst",
    ]
    static let contact = [
        "koffie gedronken, bewoner staat open voor hulp", "contact via wijkteam", "bewoner belde zelf",
        "huisbezoek, goed gesprek", "samen met begeleider langs geweest",
    ]
    static let paymentPlan = [
        "betalingsregeling afgesproken, 6 termijnen", "regeling via schuldhulpverlening", "betaalafspraak na huisbezoek",
    ]
    static let paid = ["achterstand in één keer voldaan", "voldaan na herinnering", "voldaan met hulp van het wijkteam"]
    static let building = [
        "bank in het trappenhuis", "grofvuil naast de container", "portiek vervuild, lampen kapot", "graffiti in de lift",
        "zwerfafval rond de ingang", "brandgang geblokkeerd door spullen",
    ]

    /// One note from `list`.
    static func pick(_ list: [String], _ random: inout SeededGenerator) -> String {
        list[random.below(list.count)]
    }
}
