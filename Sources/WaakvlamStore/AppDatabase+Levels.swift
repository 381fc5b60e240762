import Foundation
import GRDB
import WaakvlamCore
import WaakvlamRules

/// Where the engine stood at its last saved evaluation.
public struct EngineClock: Sendable, Equatable {
    /// The moment of the last evaluation.
    public var evaluatedAt: Int64
    /// The last signal taken in.
    public var lastSignalID: Int64
    /// The last registry history row taken in.
    public var lastRegistryID: Int64

    /// Creates a clock record.
    public init(evaluatedAt: Int64, lastSignalID: Int64, lastRegistryID: Int64) {
        self.evaluatedAt = evaluatedAt
        self.lastSignalID = lastSignalID
        self.lastRegistryID = lastRegistryID
    }
}

extension AppDatabase {
    /// The engine's clock, or nil before the first evaluation.
    public func engineClock() throws -> EngineClock? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT evaluated_at, last_signal_id, last_registry_id FROM engine_clock WHERE id = 1").map {
                EngineClock(evaluatedAt: $0[0], lastSignalID: $0[1], lastRegistryID: $0[2])
            }
        }
    }

    /// Every stored subject state.
    public func subjectStates() throws -> [Subject: SubjectState] {
        try writer.read { db in
            var states: [Subject: SubjectState] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT subject_type, subject_id, level, since, score, rules, amber_or_lower_since, green_since, peak, recovered_at, rule_since, evaluated_at
                FROM subject_state
                """)
            while let row = try rows.next() {
                let id: Int64 = row[1]
                let subject: Subject = (row[0] as String) == "building" ? .building(id) : .resident(id)
                states[subject] = SubjectState(
                    level: (row[2] as String?).flatMap(Level.init(rawValue:)), since: row[3], score: row[4],
                    rules: Self.names(row[5]), amberOrLowerSince: row[6], greenSince: row[7],
                    peak: Level(rawValue: row[8]) ?? .green, recoveredAt: row[9], ruleSince: Self.ruleSince(row[10]), evaluatedAt: row[11])
            }
            return states
        }
    }

    /// Saves one evaluation in one transaction: changed states, the level changes, the notice of
    /// each change (`notices[i]` belongs to `changes[i]`, nil for a change told to no one; or no
    /// notices at all), `summaries` that
    /// stand for many changes at once (a rule change's, linked to none) and the clock.
    /// Returns the ids given to the level changes.
    @discardableResult
    public func saveEvaluation(states: [(subject: Subject, state: SubjectState?)], changes: [LevelChange], notices: [Notice?] = [],
                               summaries: [Notice] = [], clock: EngineClock) throws -> [Int64] {
        precondition(notices.isEmpty || notices.count == changes.count, "one notice per level change, or none")
        return try writer.write { db in
            let delete = try db.cachedStatement(sql: "DELETE FROM subject_state WHERE subject_type = ? AND subject_id = ?")
            let upsert = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO subject_state
                (subject_type, subject_id, level, since, score, rules, amber_or_lower_since, green_since, peak, recovered_at, rule_since, evaluated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (subject, state) in states {
                guard let state else {
                    try delete.execute(arguments: [subject.kind, subject.id])
                    continue
                }
                try upsert.execute(arguments: [
                    subject.kind, subject.id, state.level?.rawValue, state.since, state.score, state.rules.joined(separator: ","),
                    state.amberOrLowerSince, state.greenSince, state.peak.rawValue, state.recoveredAt,
                    state.ruleSince.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","), state.evaluatedAt,
                ])
            }
            let insert = try db.cachedStatement(sql: """
                INSERT INTO level_change (subject_type, subject_id, at, from_level, to_level, score, rules, signals) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var ids: [Int64] = []
            for change in changes {
                try insert.execute(arguments: [
                    change.subject.kind, change.subject.id, change.at, change.from?.rawValue, change.to?.rawValue, change.score,
                    JSONText.array(change.rules), JSONText.array(change.signals),
                ])
                ids.append(db.lastInsertedRowID)
            }
            for case let (notice?, id) in zip(notices, ids) { try Self.insert(notice, changeID: id, db) }
            for summary in summaries { try Self.insert(summary, changeID: nil, db) }
            let saveClock = try db.cachedStatement(sql: "INSERT OR REPLACE INTO engine_clock (id, evaluated_at, last_signal_id, last_registry_id) VALUES (1, ?, ?, ?)")
            try saveClock.execute(arguments: [clock.evaluatedAt, clock.lastSignalID, clock.lastRegistryID])
            return ids
        }
    }

    private static func names(_ text: String) -> [String] {
        text.split(separator: ",").map(String.init)
    }

    private static func ruleSince(_ text: String) -> [String: Int64] {
        var result: [String: Int64] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let since = Int64(parts[1]) { result[String(parts[0])] = since }
        }
        return result
    }
}
