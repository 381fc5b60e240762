// Re-deciding the touched histories once per batch.
extension ArrearsLedger {
    /// Sorts every history touched since the last call, drops withdrawn rows, and re-decides each
    /// mark in one pass; returns the marks that differ from the stored ones. Afterwards every
    /// report counts as stored with the mark returned (the caller writes them).
    public mutating func settle() -> [Decision] {
        for household in unsortedClosings { settleClosings(of: household) }
        unsortedClosings.removeAll()
        var decisions: [Decision] = []
        for key in unsettled { settle(key, into: &decisions) }
        unsettled.removeAll()
        withdrawn.removeAll()
        return decisions
    }

    private mutating func settleClosings(of household: Int64) {
        var instants = closings[household] ?? []
        instants.sort()
        if var gone = withdrawnClosings.removeValue(forKey: household) {
            gone.sort()
            var kept: [Int64] = []
            kept.reserveCapacity(instants.count)
            var next = 0
            for instant in instants {
                // Drops one closing per withdrawn one at the same instant.
                while next < gone.count, gone[next] < instant { next += 1 }
                if next < gone.count, gone[next] == instant { next += 1; continue }
                kept.append(instant)
            }
            size -= instants.count - kept.count
            instants = kept
        }
        closings[household] = instants
    }

    private mutating func settle(_ key: Key, into decisions: inout [Decision]) {
        guard var entries = reports.removeValue(forKey: key) else { return }
        entries.sort(by: ArrearsEntry.precedes)
        if let gone = withdrawn[key] { size -= remove(gone, from: &entries) }
        let instants = closings[key.household] ?? []
        var closing = 0
        var previous: ArrearsEntry?
        for index in entries.indices {
            let entry = entries[index]
            var before: ArrearsPolicy.PreviousReport?
            if let previous {
                while closing < instants.count, instants[closing] < previous.occurredAt { closing += 1 }
                let closed = closing < instants.count && instants[closing] <= entry.occurredAt
                before = .init(occurredAt: previous.occurredAt, amountCents: previous.amountCents, closedSince: closed)
            }
            let isRepeat = policy.isRepeat(occurredAt: entry.occurredAt, amountCents: entry.amountCents, previous: before)
            if isRepeat != entry.storedRepeat {
                decisions.append(Decision(key: key, entry: entry, isRepeat: isRepeat))
            }
            entries[index].storedRepeat = isRepeat
            entries[index].isNew = false
            previous = entry
        }
        reports[key] = entries
    }

    /// Removes one new entry for each withdrawn one (the row the store refused); returns how many.
    private func remove(_ gone: [ArrearsEntry], from entries: inout [ArrearsEntry]) -> Int {
        var dropped = Set<Int>()
        for entry in gone {
            // Entries are sorted, so the same report sits in the run of its moment.
            var index = entries.partitionPoint { $0.occurredAt < entry.occurredAt }
            while index < entries.count, entries[index].occurredAt == entry.occurredAt {
                if entries[index].isNew, entries[index].isSameReport(as: entry), dropped.insert(index).inserted { break }
                index += 1
            }
        }
        guard !dropped.isEmpty else { return 0 }
        entries = entries.indices.filter { !dropped.contains($0) }.map { entries[$0] }
        return dropped.count
    }
}

private extension Array {
    /// The first index whose element does not satisfy `belongsBefore` (the array is partitioned by it).
    func partitionPoint(_ belongsBefore: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if belongsBefore(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
