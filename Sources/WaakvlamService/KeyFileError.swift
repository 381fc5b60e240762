import WaakvlamCore

/// The pseudonym key could not be written; `code` is the `errno`.
struct KeyFileError: ErrnoCarrying, CustomStringConvertible {
    let path: String
    let code: Int32

    var errorNumber: Int32? { code }
    var description: String { "cannot write the pseudonym key \(path): \(FaultDescription.words(errno: code))" }
}
