import GRDB
import WaakvlamCore

/// What one ingest remembers between rows, so that a feed row costs no lookup query:
/// row ids of sources, residents and buildings, and each household's latest arrears reports.
///
/// References are loaded whole at the start of an ingest when the tables fit
/// within `capacity`: then a reference the cache does not know is new, and is
/// inserted without asking first. Valid only with the transactions it saw
/// committed: after a failed batch it is cleared and loaded again.
public final class IngestCache {
    /// Arrears reports and closing signals per household, from which repeat marks are decided;
    /// created with the rules of the first batch.
    var ledger = ArrearsLedger(policy: ArrearsPolicy(repeatWindow: .days(0), closedBy: []))
    /// Households this ingest created: they have no history in the store to ask about.
    var createdResidents: Set<Int64> = []
    /// Set when the ingest began on a store without signals: then no household has history but what
    /// this cache saw, and the household index is built once at the end instead of row by row.
    var isFirstLoad = false
    /// Set while this ingest has the household index dropped.
    var droppedHouseholdIndex = false

    /// Dwelling row ids by building and reference, once looked up or created.
    private(set) var units: [UnitKey: Int64] = [:]
    /// Set while `units` holds every dwelling of the store, so a miss is a new one.
    private(set) var unitsComplete = false
    private var ids: [ReferenceKind: [String: Int64]] = [:]
    private var complete: Set<ReferenceKind> = []
    private var loaded = false
    private var preloaded = false
    /// Beyond this many entries per kind the cache stops loading whole tables and forgets as it goes.
    let capacity: Int

    /// Creates an empty cache holding at most `capacity` references per kind.
    public init(capacity: Int = 1_000_000) { self.capacity = capacity }

    /// Forgets everything (after a rollback).
    public func clear() {
        ledger.clear()
        createdResidents.removeAll()
        isFirstLoad = false
        ids.removeAll()
        units.removeAll()
        unitsComplete = false
        complete.removeAll()
        loaded = false
        preloaded = false
    }

    /// Arrears entries a first load holds before it becomes an ordinary ingest (about 100 bytes each).
    static let ledgerCapacity = 500_000

    /// Readies the ledger for a batch under `policy`; call at the start of each batch.
    ///
    /// An ordinary ingest starts every batch with an empty ledger and reads the history it needs
    /// from the store (one query): other writers (the spool, the socket) may have stored reports
    /// since its last batch. A first load owns what the store holds, so it keeps its ledger, up to
    /// ``ledgerCapacity`` entries or until the rules change; then it builds the household index
    /// (the ledger's query needs it) and goes on as an ordinary ingest.
    func prepareLedger(_ db: Database, policy: ArrearsPolicy) throws {
        if isFirstLoad, ledger.isEmpty {
            ledger = ArrearsLedger(policy: policy)
            return
        }
        if isFirstLoad, ledger.size <= Self.ledgerCapacity, createdResidents.count <= capacity, ledger.policy == policy { return }
        if droppedHouseholdIndex {
            try db.execute(sql: DatabaseSchema.householdIndex)
            droppedHouseholdIndex = false
        }
        isFirstLoad = false
        ledger = ArrearsLedger(policy: policy)
        // Households created by earlier batches have history in the store now.
        createdResidents.removeAll()
    }

    /// Decides, once per ingest (or after a clear), whether this is a first load into an empty
    /// store; returns whether it decided now.
    func loadIfNeeded(_ db: Database) throws -> Bool {
        guard !loaded else { return false }
        loaded = true
        isFirstLoad = try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM signal)")!
        return true
    }

    /// Records from which preloading every reference pays off: below it, a lookup per row is
    /// far cheaper than reading 100,000 households (a one-line ingest stays well under a millisecond).
    static let preloadFrom = 1_000

    /// Loads every reference table that fits, once, when a batch of `records` makes it worth it.
    func preloadIfWorthIt(_ db: Database, records: Int) throws {
        guard !preloaded, records >= Self.preloadFrom || isFirstLoad else { return }
        preloaded = true
        for kind in ReferenceKind.allCases {
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(kind.table)") ?? 0
            guard count <= capacity else { continue }
            var map: [String: Int64] = ids[kind] ?? [:]
            map.reserveCapacity(count)
            let rows = try Row.fetchCursor(db, sql: "SELECT \(kind.keyColumn), id FROM \(kind.table)")
            while let row = try rows.next() { map[row[0]] = row[1] }
            ids[kind] = map
            complete.insert(kind)
        }
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? 0 <= capacity {
            let rows = try Row.fetchCursor(db, sql: "SELECT building_id, ref, id FROM unit")
            while let row = try rows.next() { units[UnitKey(building: row[0], ref: row[1])] = row[2] }
            unitsComplete = true
        }
    }

    func lookup(_ key: String, in kind: ReferenceKind) -> Int64? { ids[kind]?[key] }

    /// Remembers a dwelling's row id, forgetting all of them past `capacity`.
    func rememberUnit(_ id: Int64, building: Int64, ref: String) {
        if units.count >= capacity {
            units.removeAll(keepingCapacity: true)
            unitsComplete = false
        }
        units[UnitKey(building: building, ref: ref)] = id
    }

    /// Whether a key missing from the cache is missing from the table too.
    func isComplete(_ kind: ReferenceKind) -> Bool { complete.contains(kind) }

    /// Remembers `id` for `key`.
    func remember(_ id: Int64, for key: String, in kind: ReferenceKind) {
        if ids[kind, default: [:]].count >= capacity {
            ids[kind]?.removeAll(keepingCapacity: true)
            complete.remove(kind)
        }
        ids[kind, default: [:]][key] = id
    }
}

/// A dwelling: its building and its reference there.
struct UnitKey: Hashable {
    var building: Int64
    var ref: String
}

/// The tables feeds refer to by reference.
enum ReferenceKind: CaseIterable {
    case source, resident, building

    var table: String {
        switch self {
        case .source: "source"
        case .resident: "resident"
        case .building: "building"
        }
    }

    var keyColumn: String { self == .source ? "name" : "ref" }
}

