import GRDB
import WaakvlamCore

extension SignalInserter {
    /// Compares `row`, which was not inserted, with the stored signal of its key: the same content
    /// is a duplicate, other content a conflict naming the earlier line of this run or the stored signal.
    ///
    /// Content is every field of the signal as decoded (its type, time, household, building,
    /// dwelling, reporter, amount, days overdue and note); the reason names the fields that
    /// differ, never their values.
    func judge(_ row: PendingSignal) throws -> SignalOutcome {
        let statement = try db.cachedStatement(sql: """
            SELECT type, occurred_at, date_only, resident_id, building_id, unit, reporter, amount_cents, days_overdue, note,
                   received_at, ingest_run_id, line
            FROM signal WHERE source_id = ? AND external_id = ?
            """)
        let signal = row.record
        let reference = "\(FeedRecordDecoder.quoted(signal.source)):\(FeedRecordDecoder.quoted(signal.id))"
        guard let stored = try Row.fetchOne(statement, arguments: [row.sourceID, signal.id]) else {
            // The insert was skipped for a key that is not there: refuse rather than count it as stored.
            return .conflict("was not stored: no signal \(reference) is in the store after its insert")
        }
        var differences: [String] = []
        if stored["type"] as String != signal.type { differences.append("type") }
        if stored["occurred_at"] as Int64 != signal.occurredAt || stored["date_only"] as Bool != signal.dateOnly { differences.append("occurred_at") }
        if stored["resident_id"] as Int64? != row.residentID { differences.append("resident") }
        if stored["building_id"] as Int64? != row.buildingID { differences.append("building") }
        if stored["unit"] as String? != signal.unit { differences.append("unit") }
        if stored["reporter"] as String? != signal.reporter { differences.append("reporter") }
        if stored["amount_cents"] as Int64? != signal.amountCents { differences.append("amount") }
        if stored["days_overdue"] as Int? != signal.daysOverdue { differences.append("days_overdue") }
        if stored["note"] as String? != signal.note { differences.append("note") }
        guard !differences.isEmpty else { return .duplicate }
        let other = "other " + differences.joined(separator: ", ")
        if stored["ingest_run_id"] as Int64? == runID, let line = stored["line"] as Int? {
            return .conflict("conflicts with line \(line): same source and id, \(other)")
        }
        let ingested = LocalDate.dayAndSecond(of: stored["received_at"]).date
        return .conflict("conflicts with the stored signal \(reference), ingested \(ingested): \(other)")
    }
}
