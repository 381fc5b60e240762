/// A signal refused because its (`source`,`id`) is already taken by a signal with other content.
public struct SignalConflict: Sendable, Equatable {
    /// The input line of the refused row.
    public var line: Int
    /// Why, naming the earlier line or the stored signal and the fields that differ (never their values).
    public var reason: String

    /// Creates a conflict.
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}
