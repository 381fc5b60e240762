/// One signal type from `rules.yaml`: what a code means and how much it weighs.
public struct SignalType: Sendable, Equatable {
    /// The code feeds use, e.g. `overlast.geluid`.
    public var code: String
    /// The family the type belongs to.
    public var family: SignalFamily
    /// The life-domain the signal touches (e.g. `wonen`, `financien`).
    public var domain: String
    /// How much one fresh signal adds to a resident's score (negative lowers it).
    public var weight: Double
    /// After this long a signal counts for half.
    public var halfLife: TimeSpan
    /// A short description for people reading rules and explanations.
    public var description: String

    /// Creates a signal type definition.
    public init(code: String, family: SignalFamily, domain: String, weight: Double, halfLife: TimeSpan, description: String = "") {
        self.code = code
        self.family = family
        self.domain = domain
        self.weight = weight
        self.halfLife = halfLife
        self.description = description
    }
}
