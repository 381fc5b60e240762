/// The values of one feed record, by field; nil where the record has no value.
///
/// A fixed array rather than a dictionary: a million-row feed builds one of
/// these per row.
public struct FieldValues: Sendable {
    private var storage: [String?]

    /// An empty record.
    public init() { storage = Array(repeating: nil, count: FeedField.allCases.count) }

    /// The value of `field`; an empty string counts as no value.
    public subscript(field: FeedField) -> String? {
        get { storage[field.rawValue] }
        set { storage[field.rawValue] = (newValue?.isEmpty ?? true) ? nil : newValue }
    }

    /// Whether `field` has a value.
    public func has(_ field: FeedField) -> Bool { storage[field.rawValue] != nil }
}
