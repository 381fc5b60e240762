/// The systems that send the simulated signals, each numbering its own ids.
public enum SyntheticSource: String, Sendable, CaseIterable, Hashable {
    /// The corporation's CRM: nuisance complaints, safety reports, contacts.
    case woonstadCRM = "woonstad-crm"
    /// The corporation's collections system: rent arrears and payment plans.
    case incasso
    /// The municipality's early-signalling hub: energy, water and insurance arrears.
    case vroegsignalering
    /// The care providers' portal (with consent): care signals.
    case zorgportaal
    /// Neighbourhood management: caretakers' and consultants' observations.
    case wijkbeheer

    /// The name as feeds write it in `source`.
    public var name: String { rawValue }
}
