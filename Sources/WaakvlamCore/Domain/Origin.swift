/// Where a household came from before this home.
public enum Origin: String, Sendable, Codable, CaseIterable {
    /// Sheltered housing (*beschermd wonen*).
    case bw
    /// The shelter system (*maatschappelijke opvang*).
    case mo
    /// A psychiatric clinic.
    case kliniek
    /// Youth care.
    case jeugdzorg
    /// An ordinary move.
    case regulier
}
