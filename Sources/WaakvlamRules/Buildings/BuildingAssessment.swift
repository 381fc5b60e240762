import WaakvlamCore

/// A building's situation at one moment: its measures and the placement advice they give.
public struct BuildingAssessment: Sendable {
    /// The moment assessed.
    public var moment: Int64
    /// Households living there now.
    public var households: Int
    /// Dwellings the nuisance rate is divided by (registered units, or the known households).
    public var dwellings: Int
    /// Each measure with its value and the level it reaches.
    public var measures: [BuildingMeasure]
    /// The level asked for; nil below the minimum number of households ("too few to say").
    public var level: Level?
    /// Nuisance signals of the building and its households within the window, for notices.
    public var signals: [String]
}

/// One measure of a building's carrying capacity.
public struct BuildingMeasure: Sendable, Equatable {
    /// What is measured.
    public var kind: Kind
    /// Its value now.
    public var value: Double
    /// The level it reaches.
    public var level: Level

    /// The measures docs/domain.md names as building inputs.
    public enum Kind: String, Sendable, CaseIterable {
        /// Share of households at amber or red.
        case concernShare = "concern_share"
        /// Nuisance signals per dwelling within the window.
        case nuisancePerDwelling = "nuisance_per_dwelling"
        /// Share of households that came from BW, MO or a clinic.
        case vulnerableShare = "vulnerable_share"
        /// Share of households that moved in recently.
        case turnover
    }
}
