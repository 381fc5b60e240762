/// The language a digest is written in. Dutch is the language of the people who read it.
public enum DigestLanguage: String, Sendable, CaseIterable {
    /// Nederlands (`nl`), the default.
    case dutch = "nl"
    /// English (`en`).
    case english = "en"

    /// The `lang` attribute and `--language` value.
    public var code: String { rawValue }
}
