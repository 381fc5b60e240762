/// A household in a hot building whose behaviour draws repeated nuisance complaints.
struct TroubledHousehold: Sendable {
    /// The household's index in the registry.
    let household: Int
    /// The neighbouring households that complain, the most active first.
    let reporters: [Int]
    /// The kind of nuisance most complaints are about.
    let dominant: SyntheticSignalType
    /// The months (0 is the first of the period) in which complaints come in.
    let months: Range<Int>
    /// Expected complaints in an active month.
    let monthlyRate: Double
}
