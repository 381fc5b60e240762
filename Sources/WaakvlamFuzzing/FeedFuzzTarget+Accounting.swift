import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest

extension FeedFuzzTarget {
    /// No record vanishes: every line of `input` is the header, blank, or covered by exactly one
    /// item — a record or a refusal from its first line through the continuation lines its bytes
    /// hold, or the rest of a refused binary file — and no continuation line is a whole record on
    /// its own (the documented rule for line breaks inside quotes).
    func checkEveryLineIsAccountedFor(_ input: [UInt8]) -> [String] {
        var reader = FeedReader(source: MemorySource(input), format: nil, settings: Self.settings)
        var lines = input.split(separator: 0x0A, omittingEmptySubsequences: false)
        if input.last == 0x0A { lines.removeLast() }
        var covered = [Bool](repeating: false, count: lines.count + 2)
        var broken: [String] = []
        var last = 0
        func cover(_ line: Int) {
            guard line >= 1, line <= lines.count else { return broken.append("an item covers line \(line), outside the input's \(lines.count) lines") }
            if covered[line] { broken.append("line \(line) is covered by two items") }
            covered[line] = true
            last = line
        }
        while let item = try? reader.next() {
            switch item {
            case .record(let line, _, let raw), .rejected(let line, _, let raw):
                let continuations = raw.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                for number in line...(line + continuations) { cover(number) }
                if continuations > 0, let header = reader.header {
                    for number in (line + 1)...(line + continuations) where number <= lines.count && Self.isWholeRecord(lines[number - 1], header: header) {
                        broken.append("line \(number) is a record of its own but was read as the rest of line \(line)")
                    }
                }
            case .rejectedContinuation:
                cover(last + 1)
            }
        }
        for (index, line) in lines.enumerated() where !covered[index + 1] {
            let number = index + 1
            if number == reader.firstLineNumber || Self.isBlank(line) { continue }
            broken.append("line \(number) vanished: it is not stored, refused, blank, the header or a continuation")
        }
        return broken
    }

    /// Accepted equals stored: every record read is accepted, a duplicate or rejected, and the
    /// store gains exactly the accepted signals (checked when every accepted record was a signal).
    func checkAcceptedEqualsStored(_ input: [UInt8], onlySignals: Bool, records: Int) -> [String] {
        guard let store = Self.sharedStore(for: format) else { return ["the fuzz store could not be opened"] }
        let outcome: (report: IngestReport, storedSignals: Int)
        do { outcome = try store.ingest(input, now: Self.now) } catch { return ["the ingest threw \(error)"] }
        let counts = outcome.report.counts
        var broken: [String] = []
        if counts.accepted + counts.duplicates + counts.rejected != records {
            broken.append("\(records) items read but \(counts.accepted) accepted, \(counts.duplicates) duplicates and \(counts.rejected) rejected")
        }
        if onlySignals, counts.accepted != outcome.storedSignals {
            broken.append("\(counts.accepted) accepted but \(outcome.storedSignals) stored")
        }
        return broken
    }

    /// Whether `line` under `header` reads as one record, fields and all.
    private static func isWholeRecord(_ line: ArraySlice<UInt8>, header: ArraySlice<UInt8>) -> Bool {
        var reader = FeedReader(source: MemorySource(Array(header) + [0x0A] + Array(line)), format: .csv, settings: settings)
        if case .record = try? reader.next() { return true }
        return false
    }

    private static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        var line = line
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        return line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
