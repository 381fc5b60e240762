/// How much support a household receives.
public enum SupportLevel: String, Sendable, Codable, CaseIterable {
    /// No support.
    case geen
    /// Ambulant support: a worker visits.
    case ambulant
    /// Intensive support.
    case intensief
}
