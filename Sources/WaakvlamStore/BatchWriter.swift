import GRDB
import WaakvlamCore

/// Writes the records of one batch inside one open transaction.
struct BatchWriter {
    let db: Database
    let rules: RuleSet
    let now: Int64
    let cache: IngestCache
    /// The ingest run the signals are stored under.
    let runID: Int64
    private var sourcesSeen: Set<Int64> = []
    private var inserter: SignalInserter?
    /// The highest signal id before this batch's first signal: the stored history ends there.
    private var lastStoredID: Int64?
    /// Households with arrears rows in this batch whose stored history is not in the ledger yet.
    private var unread: Set<Int64> = []

    init(db: Database, rules: RuleSet, now: Int64, cache: IngestCache, runID: Int64) {
        self.db = db
        self.runID = runID
        self.rules = rules
        self.now = now
        self.cache = cache
    }

    /// Figures of what was stored so far.
    private(set) var counts = IngestCounts()
    /// Signals refused because their key is taken by other content, in no particular order.
    private(set) var conflicts: [SignalConflict] = []

    /// Stores `record`, read from input line `line`.
    mutating func store(_ record: FeedRecord, line: Int) throws {
        switch record {
        case .signal(let signal):
            try store(signal, line: line)
        case .registry(let registry):
            try flushSignals()
            count(try store(registry), isRepeat: false)
        case .building(let building):
            try flushSignals()
            count(try store(building), isRepeat: false)
        }
    }

    /// Inserts queued signals and marks this batch's sources as heard from now; call before committing.
    mutating func finish() throws {
        try flushSignals()
        if let lastStoredID {
            for decision in try settleArrears(loading: unread, storedUpTo: lastStoredID) where decision.entry.isNew && decision.isRepeat {
                counts.repeats += 1
            }
            unread = []
        }
        try touchSources()
    }

    private mutating func count(_ inserted: Bool, isRepeat: Bool) {
        if inserted {
            counts.accepted += 1
            if isRepeat { counts.repeats += 1 }
        } else {
            counts.duplicates += 1
        }
    }

    // MARK: Signals

    private mutating func store(_ signal: SignalRecord, line: Int) throws {
        let sourceID = try id(of: signal.source, .source)
        sourcesSeen.insert(sourceID)
        let residentID = try signal.resident.map { try id(of: $0, .resident) }
        let buildingID = try signal.building.map { try id(of: $0, .building) }
        if let residentID {
            if lastStoredID == nil {
                try cache.prepareLedger(db, policy: rules.arrears)
                lastStoredID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM signal")) ?? 0
            }
            if let unknown = enterArrears(signal, sourceID: sourceID, residentID: residentID) { unread.insert(unknown) }
        }
        // Stored unmarked: the batch's marks are decided together in ``finish()``, once its order no longer matters.
        let pending = PendingSignal(record: signal, sourceID: sourceID, residentID: residentID, buildingID: buildingID, isRepeat: false, line: line)
        if inserter == nil { inserter = SignalInserter(db: db, now: now, runID: runID) }
        settle(try inserter!.add(pending))
    }

    private mutating func flushSignals() throws {
        if inserter != nil { settle(try inserter!.flush()) }
    }

    private mutating func settle(_ outcomes: [(PendingSignal, SignalOutcome)]) {
        for (signal, outcome) in outcomes {
            switch outcome {
            case .inserted: count(true, isRepeat: false)
            case .duplicate: count(false, isRepeat: false)
            case .conflict(let reason):
                counts.rejected += 1
                conflicts.append(SignalConflict(line: signal.line, reason: reason))
            }
            // A row not stored was entered as if new; the stored row stands instead.
            if outcome != .inserted, let residentID = signal.residentID {
                withdrawArrears(signal.record, sourceID: signal.sourceID, residentID: residentID)
            }
        }
    }

    /// Marks the sources of this batch as heard from now.
    private func touchSources() throws {
        for sourceID in sourcesSeen {
            try db.cachedStatement(sql: "UPDATE source SET last_ingest_at = ? WHERE id = ?").execute(arguments: [now, sourceID])
        }
    }
}
