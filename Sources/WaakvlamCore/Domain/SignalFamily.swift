/// The family a signal type belongs to, as listed in the domain brief.
///
/// The family decides how a signal is treated beyond its weight: arrears
/// reports form episodes, positive signals lower concern.
public enum SignalFamily: String, Sendable, Codable, CaseIterable {
    /// Complaints from neighbours (*overlast*).
    case nuisance
    /// Payment arrears (*betalingsachterstand*).
    case arrears
    /// What corporation staff notice at the dwelling.
    case observation
    /// Care that stopped, was refused or could not get in.
    case care
    /// Police, calamities, acute danger.
    case safety
    /// Contact made, payment plan agreed, arrears paid: lowers concern.
    case positive
}
