extension SocketFeed {
    /// `reason` with the earlier line a conflict names ("conflicts with line 12: …") turned from a
    /// line of the piece sent into a line of the file, by `lines` (the file line of each piece line).
    ///
    /// The daemon judges each piece as an input of its own, so the lines it names are the piece's;
    /// the problem's own line is mapped the same way beside it.
    static func rebasingEarlierLine(in reason: String, lines: [Int]) -> String {
        let prefix = "conflicts with line "
        guard reason.hasPrefix(prefix) else { return reason }
        let rest = reason.dropFirst(prefix.count)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard let line = Int(digits), line >= 1, line <= lines.count else { return reason }
        return prefix + String(lines[line - 1]) + rest.dropFirst(digits.count)
    }
}
