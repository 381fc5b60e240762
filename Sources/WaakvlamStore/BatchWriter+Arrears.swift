import GRDB
import WaakvlamCore

// Arrears episodes: which earlier report a new one follows, kept in memory for the ingest.
extension BatchWriter {
    /// The report before `signal` in its episode, from memory when the feed runs forward in time,
    /// from the store when it does not.
    func previousReport(of signal: SignalRecord, residentID: Int64) throws -> ArrearsPolicy.PreviousReport? {
        let key = ArrearsKey(resident: residentID, type: signal.type)
        if cache.latestArrears[key] == nil {
            cache.boundArrearsMemory()
            let isNew = cache.isFirstLoad || cache.createdResidents.contains(residentID)
            cache.latestArrears[key] = .some(isNew ? nil : try latestReport(key, before: .max))
        }
        guard var previous = cache.latestArrears[key]! else { return nil }
        if previous.occurredAt > signal.occurredAt {
            // An older report arriving late: ask the store for the one before it.
            guard let earlier = try latestReport(key, before: signal.occurredAt) else { return nil }
            previous = earlier
        }
        return ArrearsPolicy.PreviousReport(occurredAt: previous.occurredAt, amountCents: previous.amountCents,
                                            closedSince: try closed(residentID, between: previous.occurredAt, and: signal.occurredAt))
    }

    func latestReport(_ key: ArrearsKey, before limit: Int64) throws -> ArrearsReport? {
        let statement = try db.cachedStatement(sql: """
            SELECT occurred_at, amount_cents FROM signal
            WHERE resident_id = ? AND type = ? AND occurred_at <= ?
            ORDER BY occurred_at DESC, id DESC LIMIT 1
            """)
        guard let row = try Row.fetchOne(statement, arguments: [key.resident, key.type, limit]) else { return nil }
        return ArrearsReport(occurredAt: row[0], amountCents: row[1])
    }

    /// Whether a signal that closes arrears (`closed_by`) occurred between the two moments.
    func closed(_ residentID: Int64, between start: Int64, and end: Int64) throws -> Bool {
        guard !rules.arrears.closedBy.isEmpty else { return false }
        if cache.latestClosing[residentID] == nil {
            let isNew = cache.isFirstLoad || cache.createdResidents.contains(residentID)
            cache.latestClosing[residentID] = .some(isNew ? nil : try closingInstant(residentID, from: .min, to: .max))
        }
        guard let latest = cache.latestClosing[residentID]!, latest >= start else { return false }
        if latest <= end { return true }
        return try closingInstant(residentID, from: start, to: end) != nil
    }

    func closingInstant(_ residentID: Int64, from start: Int64, to end: Int64) throws -> Int64? {
        let closers = rules.arrears.closedBy.sorted()
        let statement = try db.cachedStatement(sql: """
            SELECT max(occurred_at) FROM signal WHERE resident_id = ? AND occurred_at >= ? AND occurred_at <= ?
            AND type IN (\(databaseQuestionMarks(count: closers.count)))
            """)
        return try Int64.fetchOne(statement, arguments: StatementArguments([residentID, start, end] + closers.map { $0 as any DatabaseValueConvertible }))
    }

    /// Keeps the memory of arrears and closing signals in step with a row just inserted.
    func remember(_ signal: SignalRecord, residentID: Int64) {
        if signal.family == .arrears {
            let key = ArrearsKey(resident: residentID, type: signal.type)
            if let known = cache.latestArrears[key], signal.occurredAt >= known?.occurredAt ?? .min {
                cache.latestArrears[key] = .some(ArrearsReport(occurredAt: signal.occurredAt, amountCents: signal.amountCents))
            }
        } else if rules.arrears.closedBy.contains(signal.type), let known = cache.latestClosing[residentID] {
            cache.latestClosing[residentID] = .some(max(known ?? .min, signal.occurredAt))
        }
    }
}
