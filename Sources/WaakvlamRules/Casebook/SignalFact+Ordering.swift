// Keeping a history sorted by (occurredAt, id) without walking it for every signal taken in.
extension SignalFact {
    /// The order histories keep: time, then arrival.
    static func precedes(_ a: SignalFact, _ b: SignalFact) -> Bool {
        (a.occurredAt, a.id) < (b.occurredAt, b.id)
    }
}

extension Array where Element == SignalFact {
    /// Where `signal` belongs in this sorted history (a binary search).
    func insertionIndex(of signal: SignalFact) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if SignalFact.precedes(self[middle], signal) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Inserts `signal` in order unless it is there already: O(log n) to find the place, and an
    /// append when it is the newest (feeds arrive mostly in time order).
    mutating func insertInOrder(_ signal: SignalFact) {
        let index = insertionIndex(of: signal)
        if index < count, self[index].id == signal.id { return }
        if index == count { append(signal) } else { insert(signal, at: index) }
    }

    /// Takes in many signals at once: appended, sorted once (the sort runs through the sorted part
    /// in linear time) and rid of any already there. O(n + k log k) for k signals, whatever their order.
    mutating func mergeInOrder(_ signals: [SignalFact]) {
        if signals.count == 1 { return insertInOrder(signals[0]) }
        self += signals
        sort(by: SignalFact.precedes)
        var kept = 0
        for index in indices where kept == 0 || self[kept - 1].id != self[index].id {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }

    /// Sets the repeat mark of the signal with `id` that occurred at `occurredAt`; false when it is not held.
    mutating func setRepeat(_ isRepeat: Bool, id: Int64, occurredAt: Int64) -> Bool {
        let index = insertionIndex(of: SignalFact(id: id, reference: "", type: "", occurredAt: occurredAt))
        guard index < count, self[index].id == id else { return false }
        self[index].isRepeat = isRepeat
        return true
    }
}
