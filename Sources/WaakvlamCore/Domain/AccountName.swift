/// Who follows a notice up (`--by`, the socket's `by`): an account name, as the audit table
/// and the notices keep it, never free text.
///
/// A person's name and telephone number (`Anna de Vries, tel 0612345678`) would otherwise be
/// kept beside every acknowledgement for as long as the audit is; an account name says who
/// without saying more.
public enum AccountName {
    /// The longest account name.
    public static let maximumLength = 64

    /// Why `text` is no account name, or nil when it is one: a lower-case letter, then at most
    /// 63 more of `a-z`, `0-9`, `.`, `_` and `-`. The message names the rule, not the text.
    public static func problem(with text: String) -> String? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return "an account name is needed (e.g. anna or a.devries)" }
        guard bytes.count <= maximumLength else { return "an account name is at most \(maximumLength) characters" }
        let isLetter = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard isLetter(bytes[0]), bytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }) else {
            return "an account name starts with a letter a-z and has only a-z, 0-9, '.', '_' and '-' (e.g. anna or a.devries), not a person's name or other free text"
        }
        return nil
    }
}
