/// Why a simulation could not be generated or written.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter is out of range; the text says which and why.
    case invalidParameter(String)
    /// A file could not be created or written; the path and the system's reason.
    case cannotWrite(path: String, reason: String)

    /// A sentence for the person who ran the simulation.
    public var description: String {
        switch self {
        case .invalidParameter(let text): "invalid simulation parameter: \(text)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
