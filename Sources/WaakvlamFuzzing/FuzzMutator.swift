/// Makes hostile inputs from valid seeds: byte-level damage plus the target's own vocabulary.
///
/// Structure-aware in a cheap way: besides bit flips and byte edits it splices seeds, repeats
/// fragments and drops in tokens that mean something to the parser (quotes, brackets, dates,
/// extreme numbers), so most inputs get past the first check and reach the deep paths.
public struct FuzzMutator: Sendable {
    /// Valid inputs to start from.
    public var seeds: [[UInt8]]
    /// Tokens of the target's language: spliced in whole.
    public var dictionary: [[UInt8]]
    /// The largest input made; mutations that would grow past it are skipped.
    public var maxLength: Int

    /// Bytes that break parsers: NUL, the invalid-UTF-8 bytes, separators, quotes, line ends.
    static let interestingBytes: [UInt8] = [0x00, 0xFF, 0xFE, 0x80, 0xC0, 0xC3, 0xED, 0xF4, 0xF8, 0x7F, 0x1B,
                                            0x22, 0x2C, 0x0A, 0x0D, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x3A, 0x09, 0x20]
    /// Tokens every target gets: extreme numbers and dates, broken UTF-8, line-end mixes.
    public static let commonTokens: [[UInt8]] = [
        "1e309", "-1e400", "1e-400", "-0", "-0.0", "99999999999999999999", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "18446744073709551616", "0.000000000000000000001", "1,234,567.89", "1.234,56", "NaN", "Infinity",
        "0000-00-00", "9999-12-31", "2026-02-30", "2024-02-29", "2025-02-29", "0001-01-01", "10000-01-01", "1969-12-31",
        "2026-11-02T23:59:60Z", "2026-11-02T24:00:00+01:00", "2026-11-02T14:30:00+14:00", "2026-11-02T14:30:00-99:99",
        "1899-12-31", "2199-12-31", "2200-01-01", "\r\n", "\r", "\n\n", "\u{FEFF}", "\u{2028}", "é", "𝄞", "\u{0}",
    ].map { Array($0.utf8) } + [[0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF], [0xC0, 0x80], [0xFF, 0xFE]]

    /// A mutator over `seeds` with the target's `dictionary` (the common tokens are added).
    public init(seeds: [[UInt8]], dictionary: [[UInt8]], maxLength: Int = 1 << 16) {
        self.seeds = seeds.isEmpty ? [[]] : seeds
        self.dictionary = dictionary + Self.commonTokens
        self.maxLength = maxLength
    }

    /// A seed with one to six mutations applied.
    public func mutate(_ random: inout FuzzRandom) -> [UInt8] {
        var bytes = seeds[random.below(seeds.count)]
        for _ in 0...random.below(6) { mutateOnce(&bytes, &random) }
        return bytes
    }

    private func mutateOnce(_ bytes: inout [UInt8], _ random: inout FuzzRandom) {
        let at = random.below(bytes.count + 1)
        switch random.below(11) {
        case 0 where !bytes.isEmpty: // flip a bit
            let index = random.below(bytes.count)
            bytes[index] ^= 1 << UInt8(random.below(8))
        case 1 where !bytes.isEmpty: // overwrite with a byte that matters
            bytes[random.below(bytes.count)] = Self.interestingBytes[random.below(Self.interestingBytes.count)]
        case 2: // insert a byte that matters, or any byte
            bytes.insert(random.below(2) == 0 ? Self.interestingBytes[random.below(Self.interestingBytes.count)] : UInt8(truncatingIfNeeded: random.next()), at: at)
        case 3 where !bytes.isEmpty: // delete a range
            let count = min(bytes.count - min(at, bytes.count - 1), 1 + random.below(16))
            bytes.removeSubrange(min(at, bytes.count - 1)..<(min(at, bytes.count - 1) + count))
        case 4, 5: // insert a token
            insert(dictionary[random.below(dictionary.count)], into: &bytes, at: at)
        case 6: // replace a run of digits or letters with a token
            replaceWord(in: &bytes, &random)
        case 7: // splice another seed in
            let other = seeds[random.below(seeds.count)]
            let from = random.below(other.count + 1)
            insert(Array(other[from..<min(other.count, from + 1 + random.below(256))]), into: &bytes, at: at)
        case 8 where !bytes.isEmpty: // repeat a fragment
            let from = random.below(bytes.count)
            let fragment = Array(bytes[from..<min(bytes.count, from + 1 + random.below(8))])
            let times = [2, 3, 16, 300, 5_000][random.below(5)]
            insert(Array([[UInt8]](repeating: fragment, count: times).joined()), into: &bytes, at: at)
        case 9: // duplicate or swap lines
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            guard lines.count > 1 else { return }
            let index = random.below(lines.count)
            if random.below(2) == 0 { lines.insert(lines[index], at: random.below(lines.count)) } else { lines.swapAt(index, random.below(lines.count)) }
            let joined = Array(lines.joined(separator: [0x0A]))
            if joined.count <= maxLength { bytes = joined }
        default: // turn some line ends into CRLF or lone CR
            for index in bytes.indices.reversed() where bytes[index] == 0x0A && random.below(3) == 0 {
                if random.below(2) == 0 { bytes.insert(0x0D, at: index) } else { bytes[index] = 0x0D }
            }
        }
    }

    private func insert(_ piece: [UInt8], into bytes: inout [UInt8], at index: Int) {
        guard bytes.count + piece.count <= maxLength else { return }
        bytes.insert(contentsOf: piece, at: min(index, bytes.count))
    }

    private func replaceWord(in bytes: inout [UInt8], _ random: inout FuzzRandom) {
        func isWord(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D }
        guard !bytes.isEmpty else { return }
        var start = random.below(bytes.count)
        guard isWord(bytes[start]) else { return }
        while start > 0, isWord(bytes[start - 1]) { start -= 1 }
        var end = start
        while end < bytes.count, isWord(bytes[end]) { end += 1 }
        let token = dictionary[random.below(dictionary.count)]
        guard bytes.count - (end - start) + token.count <= maxLength else { return }
        bytes.replaceSubrange(start..<end, with: token)
    }
}
