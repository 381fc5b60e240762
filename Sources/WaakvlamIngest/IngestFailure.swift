/// An ingest that could not run at all (as opposed to records that were refused).
public enum IngestFailure: Error, Sendable, CustomStringConvertible {
    /// The input cannot be opened or read.
    case cannotRead(path: String, reason: String)
    /// A file the daemon writes cannot be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
