import WaakvlamCore

/// What a ``FeedReader`` hands on: a record to decode, or bytes that are refused.
public enum FeedItem {
    /// A record whose fields could be read; `raw` is kept in case the decoder refuses it.
    case record(line: Int, values: FieldValues, raw: ArraySlice<UInt8>)
    /// Bytes that are not a readable record, with the reason the sender will read.
    case rejected(line: Int, reason: String, raw: ArraySlice<UInt8>)
    /// More bytes of something already rejected (the rest of a binary file): kept, not reported again.
    case rejectedContinuation(raw: ArraySlice<UInt8>)
}
