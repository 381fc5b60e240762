import Foundation
import WaakvlamCore

/// The real time, optionally shifted so that it starts at a given moment (`serve --now`).
public struct SystemClock: WallClock {
    private let offset: Int64

    /// The real time.
    public init() { offset = 0 }

    /// Real time passing, but starting at `start`.
    public init(startingAt start: Int64) {
        offset = start - Int64(Date().timeIntervalSince1970)
    }

    public func now() -> Int64 { Int64(Date().timeIntervalSince1970) + offset }
}
