extension Pseudonymizer {
    /// How a sender's file name is logged: keyed, with its extension when that is a plain one,
    /// e.g. `f-3f9a1c0b7e42.csv`. Senders name files after households (`H000244-jansen.csv`),
    /// and a name may hold line breaks meant to forge journal lines: neither reaches the log.
    public func pseudonym(ofFile name: String) -> String {
        let code = String(pseudonym(of: name, kind: "file").dropFirst(2))
        let suffix = name.split(separator: ".", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let plain = name.contains(".") && (1...8).contains(suffix.count) && suffix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return "f-" + code + (plain ? "." + suffix.lowercased() : "")
    }
}
