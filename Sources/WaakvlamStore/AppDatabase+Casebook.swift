import GRDB
import WaakvlamCore
import WaakvlamRules

/// How far a casebook has read the registry and buildings, so a refresh reads only what changed.
public struct CasebookMarks: Sendable, Equatable {
    /// The last registry history row taken in.
    public var registryID: Int64
    /// The last building change taken in.
    public var buildingChangeID: Int64
    /// The last re-decided repeat mark taken in.
    public var repeatChangeID: Int64

    /// Creates marks.
    public init(registryID: Int64 = 0, buildingChangeID: Int64 = 0, repeatChangeID: Int64 = 0) {
        self.registryID = registryID
        self.buildingChangeID = buildingChangeID
        self.repeatChangeID = repeatChangeID
    }
}

extension AppDatabase {
    /// Reads every building and household, and the signals that happened since `since`, into a
    /// casebook, with the marks a later ``refresh(_:marks:calendar:since:)`` continues from.
    public func loadCasebook(calendar: LocalCalendar, since: Int64) throws -> (casebook: Casebook, marks: CasebookMarks) {
        try writer.read { db in
            var casebook = Casebook()
            let marks = CasebookMarks(registryID: try Int64.fetchOne(db, sql: "SELECT max(id) FROM registry_history") ?? 0,
                                      buildingChangeID: try Int64.fetchOne(db, sql: "SELECT max(id) FROM building_change") ?? 0,
                                      repeatChangeID: try Int64.fetchOne(db, sql: "SELECT max(id) FROM repeat_change") ?? 0)
            let buildings = try Row.fetchCursor(db, sql: "SELECT id, ref, units, neighbourhood FROM building")
            while let row = try buildings.next() {
                casebook.register(building: row[0], reference: row[1], units: row[2], neighbourhood: row[3])
            }
            let residents = try Row.fetchCursor(db, sql: "SELECT \(Self.residentColumns) FROM resident")
            while let row = try residents.next() {
                casebook.register(resident: row[0], facts: Self.householdFacts(row, calendar: calendar))
            }
            try Self.loadSignals(db, where: "s.occurred_at >= ?", arguments: [since], calendar: calendar, into: &casebook)
            casebook.advance(to: try Int64.fetchOne(db, sql: "SELECT max(id) FROM signal") ?? 0)
            return (casebook, marks)
        }
    }

    /// Takes into `casebook` what arrived since `marks`: new signals, registry facts and building
    /// records. Returns the households touched.
    public func refresh(_ casebook: inout Casebook, marks: inout CasebookMarks, calendar: LocalCalendar, since: Int64) throws -> Set<Int64> {
        try writer.read { db in
            var touched: Set<Int64> = []
            try Self.loadBuildings(db, marks: &marks, into: &casebook)
            let changed = try Row.fetchAll(db.cachedStatement(sql: "SELECT DISTINCT resident_id, id FROM registry_history WHERE id > ?"), arguments: [marks.registryID])
            for row in changed {
                let id: Int64 = row[0]
                marks.registryID = max(marks.registryID, row[1])
                if try Self.registerResident(db, id: id, calendar: calendar, into: &casebook) { touched.insert(id) }
            }
            let last = casebook.lastSignalID
            touched.formUnion(try Self.loadRepeatChanges(db, marks: &marks, into: &casebook))
            touched.formUnion(try Self.loadSignals(db, where: "s.id > ? AND s.occurred_at >= ?", arguments: [last, since], calendar: calendar, into: &casebook))
            // Signals too old to matter still advance the mark, so they are not read again.
            casebook.advance(to: try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM signal")) ?? last)
            return touched
        }
    }

    /// Households whose registry facts changed after history row `id`.
    public func residentsWithRegistry(after id: Int64) throws -> Set<Int64> {
        try writer.read { db in try Int64.fetchSet(db, sql: "SELECT DISTINCT resident_id FROM registry_history WHERE id > ?", arguments: [id]) }
    }

    private static let residentColumns = "id, ref, building_id, neighbourhood, minors, origin, support, support_until, moved_in, moved_out"

    private static func householdFacts(_ row: Row, calendar: LocalCalendar) -> HouseholdFacts {
        func day(_ index: Int) -> Int64? {
            (row[index] as String?).flatMap { LocalDate(parsing: $0) }.map(calendar.startOfDay)
        }
        return HouseholdFacts(reference: row[1], building: row[2], neighbourhood: row[3], minors: row[4],
                              origin: (row[5] as String?).flatMap(Origin.init(rawValue:)),
                              support: (row[6] as String?).flatMap(SupportLevel.init(rawValue:)),
                              supportUntil: day(7), movedIn: day(8), movedOut: day(9))
    }

    /// Reads one household's registry facts into the casebook; false when it does not exist.
    private static func registerResident(_ db: Database, id: Int64, calendar: LocalCalendar, into casebook: inout Casebook) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT \(residentColumns) FROM resident WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { return false }
        casebook.register(resident: id, facts: householdFacts(row, calendar: calendar))
        return true
    }

    /// Reads buildings that are new or changed since `marks`.
    private static func loadBuildings(_ db: Database, marks: inout CasebookMarks, into casebook: inout Casebook) throws {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT c.id, b.id, b.ref, b.units, b.neighbourhood FROM building_change c JOIN building b ON b.id = c.building_id
            WHERE c.id > ? ORDER BY c.id
            """), arguments: [marks.buildingChangeID])
        while let row = try rows.next() {
            casebook.register(building: row[1], reference: row[2], units: row[3], neighbourhood: row[4])
            marks.buildingChangeID = max(marks.buildingChangeID, row[0])
        }
    }

    /// Adds the matching signals, registering households first seen in them; returns the households they belong to.
    @discardableResult
    private static func loadSignals(_ db: Database, where condition: String, arguments: StatementArguments, calendar: LocalCalendar,
                                    into casebook: inout Casebook) throws -> Set<Int64> {
        var touched: Set<Int64> = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT s.id, src.name || ':' || s.external_id, s.type, s.occurred_at, s.resident_id, s.building_id,
                   s.reporter, s.amount_cents, s.days_overdue, s.is_repeat
            FROM signal s JOIN source src ON src.id = s.source_id
            WHERE \(condition) ORDER BY s.id
            """), arguments: arguments)
        // Gathered per household and added at once: one sort each, whatever order they happened in.
        var byResident: [Int64: [SignalFact]] = [:]
        var byBuilding: [Int64: [SignalFact]] = [:]
        while let row = try rows.next() {
            let fact = SignalFact(id: row[0], reference: row[1], type: row[2], occurredAt: row[3], reporter: row[6],
                                  amountCents: row[7], daysOverdue: row[8], isRepeat: row[9])
            if let resident = row[4] as Int64? {
                if casebook.residents[resident] == nil, try !registerResident(db, id: resident, calendar: calendar, into: &casebook) { continue }
                byResident[resident, default: []].append(fact)
            } else if let building = row[5] as Int64? {
                byBuilding[building, default: []].append(fact)
            }
        }
        for (resident, facts) in byResident { casebook.add(contentsOf: facts, resident: resident) }
        for (building, facts) in byBuilding { casebook.add(contentsOf: facts, building: building) }
        touched.formUnion(byResident.keys)
        return touched
    }

    /// Takes in repeat marks re-decided since `marks` for signals the casebook holds; returns their households.
    private static func loadRepeatChanges(_ db: Database, marks: inout CasebookMarks, into casebook: inout Casebook) throws -> Set<Int64> {
        var touched: Set<Int64> = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT c.id, s.id, s.resident_id, s.occurred_at, s.is_repeat FROM repeat_change c JOIN signal s ON s.id = c.signal_id
            WHERE c.id > ? ORDER BY c.id
            """), arguments: [marks.repeatChangeID])
        while let row = try rows.next() {
            marks.repeatChangeID = max(marks.repeatChangeID, row[0])
            guard let resident = row[2] as Int64? else { continue }
            if casebook.setRepeat(row[4], signal: row[1], occurredAt: row[3], resident: resident) { touched.insert(resident) }
        }
        return touched
    }
}
