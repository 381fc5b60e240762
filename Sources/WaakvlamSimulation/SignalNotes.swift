/// Short Dutch notes for signals, fitting their type: never names, addresses or diagnoses.
///
/// A few contain a comma or double quotes, so that feed writers and readers
/// exercise CSV quoting.
enum SignalNotes {
    /// A note for a signal of `type`.
    static func pick(for type: SyntheticSignalType, _ random: inout SeededGenerator) -> String {
        let notes = notes(for: type)
        return notes[random.below(notes.count)]
    }

    /// A note for a complaint between feuding neighbours.
    static func pickFeud(_ random: inout SeededGenerator) -> String {
        feud[random.below(feud.count)]
    }

    /// A note for a building-only signal of `type` (stairwell, rubbish, common areas).
    static func pickBuilding(for type: SyntheticSignalType, _ random: inout SeededGenerator) -> String {
        let notes = type == .waarnemingSchade ? buildingDamage : type == .overlastVervuiling ? buildingRubbish : buildingNeglect
        return notes[random.below(notes.count)]
    }

    private static func notes(for type: SyntheticSignalType) -> [String] {
        switch type {
        case .overlastGeluid: ["harde muziek na 23:00", "geschreeuw in de woning, deuren dichtgeslagen"] + complaint
        case .overlastAgressie: ["melder voelt zich bedreigd", "scheldpartij in het trappenhuis, melder geschrokken"] + complaint
        case .overlastVervuiling: ["stank in het portiek", "afval op de galerij, ook na aanspreken"] + complaint
        case .overlastDrugs: ["bezoek tot laat, veel loopverkeer", "geur van wiet in de gang"] + complaint
        case .overlastVerward: ["onrustig gedrag in het trappenhuis", "bewoner praat 's nachts hardop, buren ongerust"] + complaint
        case .achterstandHuur, .achterstandEnergie, .achterstandWater, .achterstandZorgverzekering: arrears
        case .waarnemingVerwaarlozing: ["tuin overwoekerd, afval in de voortuin", "balkon vol spullen", "ramen al lang niet gezeten"]
        case .waarnemingDeurDicht: ["deur niet geopend bij huisbezoek", "bij reparatieverzoek niemand thuis, ook niet na afspraak"]
        case .waarnemingGordijnenDicht: ["gordijnen al weken dicht", "ramen beplakt"]
        case .waarnemingPost: ["brievenbus puilt uit", "post stapelt zich op achter de deur"]
        case .waarnemingHennep: ["\"sterke geur\" bij de voordeur, navraag gedaan", "ramen beplakt, zoemend geluid"]
        case .waarnemingSchade: ["schade aan de voordeur", "ruit kapot, nog niet gemeld door bewoner"]
        case .zorgGestopt: ["begeleiding gestopt op verzoek van bewoner", "indicatie afgelopen, nazorg afgesproken"]
        case .zorgGeweigerd: ["zorg geweigerd, wel bereid tot \"een kop koffie\"", "bewoner wil geen begeleiding meer"]
        case .zorgNietBinnengelaten: ["begeleider niet binnengelaten", "deur niet open bij afspraak, telefoon uit"]
        case .zorgMedicatieGestopt: ["medicatie-inname niet meer zeker, volgens begeleider"]
        case .veiligheidPolitie: ["politie heeft bewoner thuisgebracht", "wijkagent geïnformeerd"]
        case .veiligheidCalamiteit: ["brandje in de keuken, geen gewonden", "melding via 112, situatie rustig bij aankomst"]
        case .positiefContact: ["koffie gedronken, bewoner staat open voor hulp", "contact via wijkteam", "bewoner belde zelf",
                                "huisbezoek, goed gesprek", "samen met begeleider langs geweest"]
        case .positiefBetalingsregeling: ["betalingsregeling afgesproken, 6 termijnen", "regeling via schuldhulpverlening"]
        case .positiefAchterstandVoldaan: ["achterstand in één keer voldaan", "voldaan met hulp van het wijkteam"]
        }
    }

    private static let complaint = [
        "melding via buurtapp", "\"het houdt maar niet op\" volgens melder", "meerdere melders dezelfde avond",
        "telefonisch gemeld bij de wijkbeheerder", "melder wil anoniem blijven",
    ]
    private static let feud = [
        "melder en buren liggen al langer met elkaar overhoop", "wederzijdse klachten, buurtbemiddeling voorgesteld",
        "klacht over \"pesterijen\" van de buren", "ruzie over de gedeelde tuin",
    ]
    private static let arrears = [
        "tweede herinnering verstuurd", "geen reactie op brief, ook niet telefonisch", "betaalafspraak niet nagekomen",
        "huisbezoek gepland",
    ]
    private static let buildingNeglect = ["bank in het trappenhuis", "portiek vervuild, lampen kapot", "brandgang geblokkeerd door spullen"]
    private static let buildingRubbish = ["grofvuil naast de container", "zwerfafval rond de ingang"]
    private static let buildingDamage = ["graffiti in de lift", "deur van de fietsenberging geforceerd"]
}
