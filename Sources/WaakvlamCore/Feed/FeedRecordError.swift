/// Why a feed record was refused; `description` is what the sender reads.
public struct FeedRecordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason, in plain words, naming the field and the value where that helps.
    public var description: String

    /// Creates an error with a reason.
    public init(_ description: String) { self.description = description }
}
