/// Why a digest cannot be made.
public enum DigestError: Error, Equatable, CustomStringConvertible {
    /// `--team` names no configured team.
    case unknownTeam(String, known: [String])

    /// A message for the person who asked.
    public var description: String {
        switch self {
        case .unknownTeam(let team, let known):
            "no team '\(team)' is configured; known teams: \(known.joined(separator: ", "))"
        }
    }
}
