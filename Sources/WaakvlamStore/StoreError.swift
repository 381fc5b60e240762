import WaakvlamCore

/// A database the daemon will not use, with the reason an operator reads.
public enum StoreError: ErrnoCarrying, Sendable, Equatable, CustomStringConvertible {
    /// The file is not SQLite, or is damaged.
    case notADatabase(path: String)
    /// The file is SQLite but belongs to something else.
    case foreignDatabase(path: String)
    /// The file is a waakvlam store whose pages SQLite's check finds damaged.
    case damaged(path: String, problems: [String])
    /// A new store's file could not be created; `code` is the `errno`.
    case cannotCreate(path: String, code: Int32)

    public var errorNumber: Int32? {
        if case .cannotCreate(_, let code) = self { code } else { nil }
    }

    public var description: String {
        switch self {
        case .notADatabase(let path):
            "\(path) is not a SQLite database or is damaged; restore it from a backup or move it away to start afresh"
        case .foreignDatabase(let path):
            "\(path) is a SQLite database of another program, not of waakvlam; refusing to touch it"
        case .damaged(let path, let problems):
            "\(path) is damaged (\(problems.prefix(3).joined(separator: "; "))\(problems.count > 3 ? "; …" : "")); "
                + "restore it from a backup, or move it away to start afresh"
        case .cannotCreate(let path, let code):
            "cannot create the store \(path): \(FaultDescription.words(errno: code))"
        }
    }
}
