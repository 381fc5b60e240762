import GRDB
import WaakvlamCore

/// A signal with its row ids resolved, waiting to be inserted.
struct PendingSignal {
    var record: SignalRecord
    var sourceID: Int64
    var residentID: Int64?
    var buildingID: Int64?
    var isRepeat: Bool
    /// The input line it came from, kept with the signal so a later conflict can name it.
    var line: Int
}

/// Inserts signals many rows per statement, and tells which rows were new, duplicates or conflicts.
///
/// One statement per row spent more time starting and resetting SQLite's
/// program than inserting. New rows are found without a query per row:
/// when a statement inserts fewer rows than it was given, the rows with ids
/// above the previous highest are exactly the new ones. That holds only when
/// no key is twice in one statement, so a row whose key is already queued
/// waits aside and is judged against the stored row once the first is in.
/// Only rows that were not new cost a lookup (``judge(_:)``).
struct SignalInserter {
    /// Rows per statement (16 parameters each; well under SQLite's limit).
    static let rowsPerStatement = 64
    private static let columns = "(source_id, external_id, type, occurred_at, date_only, resident_id, building_id, unit, reporter, amount_cents, days_overdue, note, is_repeat, received_at, ingest_run_id, line)"

    let db: Database
    private let now: Int64
    let runID: Int64
    private var pending: [PendingSignal] = []
    /// Queued rows whose key an earlier queued row has.
    private var repeated: [PendingSignal] = []
    private var queuedKeys: Set<SignalKey> = []
    private var highestID: Int64?
    private var fullStatement: FastInsert?

    init(db: Database, now: Int64, runID: Int64) {
        self.db = db
        self.now = now
        self.runID = runID
        pending.reserveCapacity(Self.bufferedRows)
    }

    /// Rows gathered before they are sorted and inserted.
    static let bufferedRows = 8_192

    /// Queues `signal`; returns the outcome of the queued rows when they were inserted.
    mutating func add(_ signal: PendingSignal) throws -> [(PendingSignal, SignalOutcome)] {
        if queuedKeys.insert(SignalKey(source: signal.sourceID, id: signal.record.id)).inserted {
            pending.append(signal)
        } else {
            repeated.append(signal)
        }
        return pending.count + repeated.count >= Self.bufferedRows ? try flush() : []
    }

    /// Inserts what is queued and returns what became of each row.
    ///
    /// Rows go in by household and time, the order of the household index:
    /// its pages are then visited in one sweep instead of at random.
    mutating func flush() throws -> [(PendingSignal, SignalOutcome)] {
        guard !pending.isEmpty else { return [] }
        defer {
            pending.removeAll(keepingCapacity: true)
            repeated.removeAll(keepingCapacity: true)
            queuedKeys.removeAll(keepingCapacity: true)
        }
        pending.sort { ($0.residentID ?? 0, $0.record.occurredAt) < ($1.residentID ?? 0, $1.record.occurredAt) }
        var outcomes: [(PendingSignal, SignalOutcome)] = []
        outcomes.reserveCapacity(pending.count + repeated.count)
        var start = 0
        while start < pending.count {
            let end = min(start + Self.rowsPerStatement, pending.count)
            outcomes += try insert(pending[start..<end])
            start = end
        }
        for row in repeated { outcomes.append((row, try judge(row))) }
        return outcomes
    }

    private mutating func insert(_ rows: ArraySlice<PendingSignal>) throws -> [(PendingSignal, SignalOutcome)] {
        if highestID == nil { highestID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM signal")) ?? 0 }
        var statement: FastInsert
        if rows.count == Self.rowsPerStatement, let full = fullStatement {
            statement = full
        } else {
            statement = try FastInsert(db, sql: Self.sql(rows: rows.count))
            if rows.count == Self.rowsPerStatement { fullStatement = statement }
        }
        statement.begin()
        for row in rows {
            let signal = row.record
            statement.bind(row.sourceID)
            statement.bind(signal.id)
            statement.bind(signal.type)
            statement.bind(signal.occurredAt)
            statement.bind(signal.dateOnly)
            statement.bind(row.residentID)
            statement.bind(row.buildingID)
            statement.bind(signal.unit)
            statement.bind(signal.reporter)
            statement.bind(signal.amountCents)
            statement.bind(signal.daysOverdue)
            statement.bind(signal.note)
            statement.bind(row.isRepeat)
            statement.bind(now)
            statement.bind(runID)
            statement.bind(row.line)
        }
        let inserted = try statement.step()
        let before = highestID!
        highestID = db.lastInsertedRowID > before ? db.lastInsertedRowID : before
        if inserted == rows.count { return rows.map { ($0, .inserted) } }
        // Some rows were already stored: the new ones are those above the previous highest id.
        var fresh = Set<SignalKey>()
        let stored = try Row.fetchCursor(db, sql: "SELECT source_id, external_id FROM signal WHERE id > ?", arguments: [before])
        while let row = try stored.next() { fresh.insert(SignalKey(source: row[0], id: row[1])) }
        return try rows.map { ($0, fresh.contains(SignalKey(source: $0.sourceID, id: $0.record.id)) ? .inserted : try judge($0)) }
    }
}

extension SignalInserter {
    static func sql(rows: Int) -> String {
        """
        INSERT INTO signal \(columns)
        VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", "))
        ON CONFLICT (source_id, external_id) DO NOTHING
        """
    }
}

/// The idempotency key of a signal: (`source`, `id`).
struct SignalKey: Hashable {
    var source: Int64
    var id: String
}
