/// The arrears history an ingest holds per household and type, and the closing signals per
/// household, from which every repeat mark (the covenant's *herhaalde melding*) is decided.
///
/// A report's mark depends only on the report before it in time and on whether a closing
/// signal lies between the two. Reports and closings are appended as they arrive, in any
/// order; ``settle()`` sorts each touched history once (an append-mostly array sorts in about
/// linear time) and re-decides it in one pass, so a report older than those already known, or
/// a late closing signal, costs no look-up and changes the marks after it as if it had come in
/// order. Pure: the store loads histories into it and writes back what ``settle()`` returns.
public struct ArrearsLedger: Sendable {
    /// A household and an arrears type.
    public struct Key: Hashable, Sendable {
        /// The store's household id.
        public var household: Int64
        /// The arrears signal type.
        public var type: String

        /// Creates a key.
        public init(household: Int64, type: String) {
            self.household = household
            self.type = type
        }
    }

    /// A mark that differs from the stored one.
    public struct Decision: Sendable, Equatable {
        /// Whose report.
        public var key: Key
        /// The report, with ``ArrearsEntry/storedRepeat`` as it was.
        public var entry: ArrearsEntry
        /// The mark it should have.
        public var isRepeat: Bool
    }

    /// The policy the marks follow.
    public let policy: ArrearsPolicy
    var reports: [Key: [ArrearsEntry]] = [:]
    var closings: [Int64: [Int64]] = [:]
    var typesByHousehold: [Int64: Set<String>] = [:]
    var known: Set<Int64> = []
    var unsettled: Set<Key> = []
    var unsortedClosings: Set<Int64> = []
    var withdrawn: [Key: [ArrearsEntry]] = [:]
    var withdrawnClosings: [Int64: [Int64]] = [:]
    /// Reports and closings held, to bound memory.
    public internal(set) var size = 0

    /// Creates an empty ledger.
    public init(policy: ArrearsPolicy) { self.policy = policy }

    /// Whether the ledger holds nothing yet.
    public var isEmpty: Bool { known.isEmpty && size == 0 }

    /// Whether the household's history is held (loaded, or known to be empty).
    public func knows(_ household: Int64) -> Bool { known.contains(household) }

    /// Takes in a household's stored history: its arrears reports by type and its closing instants.
    public mutating func load(_ household: Int64, reports stored: [String: [ArrearsEntry]], closings instants: [Int64]) {
        guard known.insert(household).inserted else { return }
        for (type, entries) in stored {
            let key = Key(household: household, type: type)
            reports[key, default: []] += entries
            typesByHousehold[household, default: []].insert(type)
            unsettled.insert(key)
            size += entries.count
        }
        if !instants.isEmpty {
            closings[household, default: []] += instants
            unsortedClosings.insert(household)
            size += instants.count
        }
    }

    /// Notes that a household has no stored history (created by this ingest, or a first load).
    public mutating func markEmpty(_ household: Int64) { known.insert(household) }

    /// Adds a report of the batch being stored; the household's stored history must be taken in
    /// (``load(_:reports:closings:)`` or ``markEmpty(_:)``) before the next ``settle()``.
    public mutating func add(_ entry: ArrearsEntry, to key: Key) {
        reports[key, default: []].append(entry)
        typesByHousehold[key.household, default: []].insert(key.type)
        unsettled.insert(key)
        size += 1
    }

    /// Adds a closing signal of the batch being stored: every episode of the household is re-decided.
    public mutating func addClosing(_ household: Int64, at instant: Int64) {
        closings[household, default: []].append(instant)
        unsortedClosings.insert(household)
        for type in typesByHousehold[household] ?? [] { unsettled.insert(Key(household: household, type: type)) }
        size += 1
    }

    /// Takes back a report that turned out to be stored already (a duplicate row).
    public mutating func withdraw(_ entry: ArrearsEntry, from key: Key) {
        withdrawn[key, default: []].append(entry)
        unsettled.insert(key)
    }

    /// Takes back a closing signal that turned out to be stored already.
    public mutating func withdrawClosing(_ household: Int64, at instant: Int64) {
        withdrawnClosings[household, default: []].append(instant)
        unsortedClosings.insert(household)
        for type in typesByHousehold[household] ?? [] { unsettled.insert(Key(household: household, type: type)) }
    }

    /// Forgets everything (memory bound, or after a rollback).
    public mutating func clear() { self = ArrearsLedger(policy: policy) }
}
