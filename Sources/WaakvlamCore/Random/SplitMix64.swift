/// SplitMix64: a tiny seeded generator whose whole sequence is fixed by its seed on every
/// machine and Swift version, for reproducible fuzz runs, soak feeds and the seeding of the
/// simulation's generator.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator that always yields the same sequence for `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number below `bound` (which must be positive). By plain modulo: slightly uneven for
    /// large bounds, which reproducible test input does not mind (the simulation, which does,
    /// draws through ``next()`` with its own method).
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
