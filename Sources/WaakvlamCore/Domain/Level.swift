/// The stoplight colour of a resident or a building.
///
/// Machine-readable output always uses the raw English values; people read
/// them in their own language through ``dutchName``.
public enum Level: String, Sendable, Codable, CaseIterable, Comparable {
    /// Nothing to do.
    case green
    /// A low-threshold contact by the waakvlam: a visit, a cup of coffee.
    case amber
    /// A joint conversation of the parties involved, quickly.
    case red

    /// The word Dutch readers see: groen, oranje, rood.
    public var dutchName: String {
        switch self {
        case .green: "groen"
        case .amber: "oranje"
        case .red: "rood"
        }
    }

    private var rank: Int {
        switch self {
        case .green: 0
        case .amber: 1
        case .red: 2
        }
    }

    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
}
