/// A database the daemon will not use, with the reason an operator reads.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not SQLite, or is damaged.
    case notADatabase(path: String)
    /// The file is SQLite but belongs to something else.
    case foreignDatabase(path: String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            "\(path) is not a SQLite database or is damaged; restore it from a backup or move it away to start afresh"
        case .foreignDatabase(let path):
            "\(path) is a SQLite database of another program, not of waakvlam; refusing to touch it"
        }
    }
}
