/// Why a follow-up action (ack, snooze, resolve, contact) was refused.
public struct FollowUpError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for the person who asked.
    public var description: String

    /// Creates an error with its message.
    public init(_ description: String) { self.description = description }
}
