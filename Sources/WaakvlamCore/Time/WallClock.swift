/// Where the current time comes from. The core never reads the clock itself:
/// the service passes a real clock, tests and `--now` runs a fixed or shifted one.
public protocol WallClock: Sendable {
    /// Seconds since the epoch.
    func now() -> Int64
}

/// A clock that always says the same moment (tests, reproducible commands).
public struct FixedClock: WallClock {
    /// The moment it says.
    public let instant: Int64

    /// A clock stopped at `instant`.
    public init(_ instant: Int64) { self.instant = instant }

    public func now() -> Int64 { instant }
}
