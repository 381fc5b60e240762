import WaakvlamCore

/// The signal types a simulation emits: exactly the codes docs/contract.md requires `rules.yaml` to define.
public enum SyntheticSignalType: String, Sendable, CaseIterable, Hashable {
    /// `overlast.geluid`: noise.
    case overlastGeluid = "overlast.geluid"
    /// `overlast.agressie`: aggression or threats.
    case overlastAgressie = "overlast.agressie"
    /// `overlast.vervuiling`: smell, filth, rubbish.
    case overlastVervuiling = "overlast.vervuiling"
    /// `overlast.drugs`: drugs nuisance.
    case overlastDrugs = "overlast.drugs"
    /// `overlast.verward`: confused behaviour.
    case overlastVerward = "overlast.verward"
    /// `achterstand.huur`: rent arrears.
    case achterstandHuur = "achterstand.huur"
    /// `achterstand.energie`: energy arrears.
    case achterstandEnergie = "achterstand.energie"
    /// `achterstand.water`: water arrears.
    case achterstandWater = "achterstand.water"
    /// `achterstand.zorgverzekering`: health insurance arrears.
    case achterstandZorgverzekering = "achterstand.zorgverzekering"
    /// `waarneming.verwaarlozing`: neglect of garden, stairwell or dwelling.
    case waarnemingVerwaarlozing = "waarneming.verwaarlozing"
    /// `waarneming.deur_dicht`: the door is no longer opened.
    case waarnemingDeurDicht = "waarneming.deur_dicht"
    /// `waarneming.gordijnen_dicht`: curtains stay closed.
    case waarnemingGordijnenDicht = "waarneming.gordijnen_dicht"
    /// `waarneming.post`: mail piling up.
    case waarnemingPost = "waarneming.post"
    /// `waarneming.hennep`: signs of a cannabis farm.
    case waarnemingHennep = "waarneming.hennep"
    /// `waarneming.schade`: damage.
    case waarnemingSchade = "waarneming.schade"
    /// `zorg.gestopt`: support ended.
    case zorgGestopt = "zorg.gestopt"
    /// `zorg.geweigerd`: support refused.
    case zorgGeweigerd = "zorg.geweigerd"
    /// `zorg.niet_binnengelaten`: the carer was not let in.
    case zorgNietBinnengelaten = "zorg.niet_binnengelaten"
    /// `zorg.medicatie_gestopt`: medication stopped.
    case zorgMedicatieGestopt = "zorg.medicatie_gestopt"
    /// `veiligheid.politie`: police involvement.
    case veiligheidPolitie = "veiligheid.politie"
    /// `veiligheid.calamiteit`: a calamity.
    case veiligheidCalamiteit = "veiligheid.calamiteit"
    /// `positief.contact`: contact made.
    case positiefContact = "positief.contact"
    /// `positief.betalingsregeling`: a payment plan was agreed.
    case positiefBetalingsregeling = "positief.betalingsregeling"
    /// `positief.achterstand_voldaan`: the arrears were paid.
    case positiefAchterstandVoldaan = "positief.achterstand_voldaan"

    /// The code as feeds write it.
    public var code: String { rawValue }

    /// The family the code belongs to.
    public var family: SignalFamily {
        switch self {
        case .overlastGeluid, .overlastAgressie, .overlastVervuiling, .overlastDrugs, .overlastVerward: .nuisance
        case .achterstandHuur, .achterstandEnergie, .achterstandWater, .achterstandZorgverzekering: .arrears
        case .waarnemingVerwaarlozing, .waarnemingDeurDicht, .waarnemingGordijnenDicht, .waarnemingPost,
             .waarnemingHennep, .waarnemingSchade: .observation
        case .zorgGestopt, .zorgGeweigerd, .zorgNietBinnengelaten, .zorgMedicatieGestopt: .care
        case .veiligheidPolitie, .veiligheidCalamiteit: .safety
        case .positiefContact, .positiefBetalingsregeling, .positiefAchterstandVoldaan: .positive
        }
    }
}
