import WaakvlamCore
import WaakvlamStore

/// A system, Foundation or SQLite error that ends a command, told in an operator's words
/// (``FaultDescription``) instead of the error's dump; every other error passes as it is
/// (the argument parser's own, and ours, which say where and what themselves).
struct PlainFault: Error, CustomStringConvertible {
    let description: String

    /// `error` in plain words when those differ from its own description, else `error` itself.
    static func wrapping(_ error: any Error) -> any Error {
        let words = FaultDescription.of(error).description
        return words == "\(error)" ? error : PlainFault(description: words)
    }
}
