/// Who a level belongs to: a household or a building (by store id).
public enum Subject: Sendable, Hashable, CustomStringConvertible {
    /// A household.
    case resident(Int64)
    /// A building.
    case building(Int64)

    /// `resident` or `building`, as notices and the store name the kind.
    public var kind: String {
        switch self {
        case .resident: "resident"
        case .building: "building"
        }
    }

    /// The store id.
    public var id: Int64 {
        switch self {
        case .resident(let id), .building(let id): id
        }
    }

    /// The subject as `kind#id`.
    public var description: String { "\(kind)#\(id)" }
}
