#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exponential fading: a weight counts for half after each half-life.
enum Fading {
    /// `weight` after `age` seconds with the given half-life.
    static func faded(_ weight: Double, age: Int64, halfLife: Int64) -> Double {
        guard age > 0, halfLife > 0 else { return weight }
        return weight * exp2(-Double(age) / Double(halfLife))
    }
}
