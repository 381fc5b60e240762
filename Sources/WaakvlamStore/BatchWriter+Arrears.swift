import GRDB
import WaakvlamCore

// Arrears episodes: every report and closing signal goes into the ingest's ledger, and the
// marks are decided once per batch from the history held per household and type.
extension BatchWriter {
    /// Notes an inserted-to-be arrears report or closing signal in the ledger; returns the
    /// household when its stored history still has to be read.
    func enterArrears(_ signal: SignalRecord, sourceID: Int64, residentID: Int64) -> Int64? {
        if signal.family == .arrears {
            cache.ledger.add(entry(signal, sourceID: sourceID), to: .init(household: residentID, type: signal.type))
        } else if rules.arrears.closedBy.contains(signal.type) {
            cache.ledger.addClosing(residentID, at: signal.occurredAt)
        } else {
            return nil
        }
        return cache.ledger.knows(residentID) ? nil : residentID
    }

    /// Takes a row the store refused as a duplicate back out of the ledger.
    func withdrawArrears(_ signal: SignalRecord, sourceID: Int64, residentID: Int64) {
        if signal.family == .arrears {
            cache.ledger.withdraw(entry(signal, sourceID: sourceID), from: .init(household: residentID, type: signal.type))
        } else if rules.arrears.closedBy.contains(signal.type) {
            cache.ledger.withdrawClosing(residentID, at: signal.occurredAt)
        }
    }

    /// Reads the stored history of `households` (one indexed query), re-decides every touched
    /// episode and writes the marks that changed. Returns the decisions written.
    func settleArrears(loading households: Set<Int64>, storedUpTo lastStoredID: Int64) throws -> [ArrearsLedger.Decision] {
        try loadHistory(of: households, storedUpTo: lastStoredID)
        let decisions = cache.ledger.settle()
        let update = try db.cachedStatement(sql: "UPDATE signal SET is_repeat = ? WHERE source_id = ? AND external_id = ?")
        let log = try db.cachedStatement(sql: "INSERT INTO repeat_change (signal_id) SELECT id FROM signal WHERE source_id = ? AND external_id = ?")
        for decision in decisions {
            try update.execute(arguments: [decision.isRepeat, decision.entry.sourceID, decision.entry.externalID])
            // A row of an earlier batch may be in an engine's memory already with its old mark.
            if !decision.entry.isNew { try log.execute(arguments: [decision.entry.sourceID, decision.entry.externalID]) }
        }
        return decisions
    }

    private func entry(_ signal: SignalRecord, sourceID: Int64) -> ArrearsEntry {
        ArrearsEntry(occurredAt: signal.occurredAt, source: signal.source, externalID: signal.id, sourceID: sourceID,
                     amountCents: signal.amountCents, storedRepeat: false, isNew: true)
    }

    /// Reads the arrears reports and closing signals stored for `households` before this batch
    /// (ids up to `lastStoredID`); households that cannot have any are only marked empty.
    private func loadHistory(of households: Set<Int64>, storedUpTo lastStoredID: Int64) throws {
        var toRead: [Int64] = []
        for household in households where !cache.ledger.knows(household) {
            if cache.isFirstLoad || cache.createdResidents.contains(household) {
                cache.ledger.markEmpty(household)
            } else {
                toRead.append(household)
            }
        }
        guard !toRead.isEmpty else { return }
        let arrearsTypes = Set(rules.signalTypes.values.filter { $0.family == .arrears }.map(\.code))
        let types = arrearsTypes.union(rules.arrears.closedBy).sorted()
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT s.resident_id, s.type, s.occurred_at, src.name, s.external_id, s.source_id, s.amount_cents, s.is_repeat
            FROM signal s JOIN source src ON src.id = s.source_id
            WHERE s.resident_id IN (SELECT value FROM json_each(?)) AND s.resident_id IS NOT NULL AND s.id <= ?
              AND s.type IN (\(databaseQuestionMarks(count: types.count)))
            """), arguments: StatementArguments(
                ["[" + toRead.map(String.init).joined(separator: ",") + "]", lastStoredID] as [any DatabaseValueConvertible]
                + types.map { $0 as any DatabaseValueConvertible }))
        var reports: [Int64: [String: [ArrearsEntry]]] = [:]
        var closings: [Int64: [Int64]] = [:]
        while let row = try rows.next() {
            let household: Int64 = row[0], type: String = row[1], occurredAt: Int64 = row[2]
            if arrearsTypes.contains(type) {
                reports[household, default: [:]][type, default: []].append(ArrearsEntry(
                    occurredAt: occurredAt, source: row[3], externalID: row[4], sourceID: row[5], amountCents: row[6],
                    storedRepeat: row[7], isNew: false))
            } else {
                closings[household, default: []].append(occurredAt)
            }
        }
        for household in toRead {
            cache.ledger.load(household, reports: reports[household] ?? [:], closings: closings[household] ?? [])
        }
    }

}
