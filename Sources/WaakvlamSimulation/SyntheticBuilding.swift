/// One simulated building (complex), as `buildings.csv` lists it.
public struct SyntheticBuilding: Sendable, Hashable {
    /// The building reference, e.g. `B0001`.
    public var ref: String
    /// Number of dwellings; some stand empty.
    public var units: Int
    /// The neighbourhood code, e.g. `NB01`.
    public var neighbourhood: String
    /// A made-up complex name, e.g. `Complex Lindehof 3`; never a real address.
    public var name: String

    /// Creates a building record.
    public init(ref: String, units: Int, neighbourhood: String, name: String) {
        self.ref = ref
        self.units = units
        self.neighbourhood = neighbourhood
        self.name = name
    }
}
