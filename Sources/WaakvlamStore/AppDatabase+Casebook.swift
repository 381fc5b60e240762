import GRDB
import WaakvlamCore
import WaakvlamRules

extension AppDatabase {
    /// Reads every building and household, and the signals that happened since `since`, into a casebook.
    public func loadCasebook(calendar: LocalCalendar, since: Int64) throws -> Casebook {
        try writer.read { db in
            var casebook = Casebook()
            try Self.loadBuildings(db, into: &casebook)
            let residents = try Row.fetchCursor(db, sql: "SELECT \(Self.residentColumns) FROM resident")
            while let row = try residents.next() {
                casebook.register(resident: row[0], facts: Self.householdFacts(row, calendar: calendar))
            }
            try Self.loadSignals(db, where: "s.occurred_at >= ?", arguments: [since], into: &casebook)
            let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM signal") ?? 0
            casebook.advance(to: last)
            return casebook
        }
    }

    /// Takes into `casebook` what arrived after its last signal and after `registryID`: new signals
    /// and registry facts. Returns the households touched and the new registry watermark.
    public func refresh(_ casebook: inout Casebook, calendar: LocalCalendar, registryAfter registryID: Int64, since: Int64) throws -> (touched: Set<Int64>, registryID: Int64) {
        try writer.read { db in
            var touched: Set<Int64> = []
            try Self.loadBuildings(db, into: &casebook)
            let newRegistry = try Row.fetchAll(db, sql: "SELECT resident_id, id FROM registry_history WHERE id > ?", arguments: [registryID])
            let registryMax = newRegistry.map { $0[1] as Int64 }.max() ?? registryID
            let changedResidents = Set(newRegistry.map { $0[0] as Int64 })
            // Households first seen in these signals must be registered before their signals arrive.
            let newHouseholds = try Int64.fetchSet(db, sql: "SELECT DISTINCT resident_id FROM signal WHERE id > ? AND resident_id IS NOT NULL",
                                                   arguments: [casebook.lastSignalID])
            for id in changedResidents.union(newHouseholds.filter { casebook.residents[$0] == nil }) {
                guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.residentColumns) FROM resident WHERE id = ?", arguments: [id]) else { continue }
                casebook.register(resident: id, facts: Self.householdFacts(row, calendar: calendar))
                touched.insert(id)
            }
            let last = casebook.lastSignalID
            touched.formUnion(try Self.loadSignals(db, where: "s.id > ? AND s.occurred_at >= ?", arguments: [last, since], into: &casebook))
            casebook.advance(to: try Int64.fetchOne(db, sql: "SELECT max(id) FROM signal") ?? last)
            return (touched, registryMax)
        }
    }

    /// The highest registry history id, the watermark for ``refresh(_:calendar:registryAfter:since:)``.
    public func lastRegistryID() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM registry_history") ?? 0 }
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

    private static func loadBuildings(_ db: Database, into casebook: inout Casebook) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT id, ref, units, neighbourhood FROM building")
        while let row = try rows.next() {
            casebook.register(building: row[0], reference: row[1], units: row[2], neighbourhood: row[3])
        }
    }

    /// Adds the matching signals; returns the households they belong to.
    @discardableResult
    private static func loadSignals(_ db: Database, where condition: String, arguments: StatementArguments, into casebook: inout Casebook) throws -> Set<Int64> {
        var touched: Set<Int64> = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT s.id, src.name || ':' || s.external_id, s.type, s.occurred_at, s.resident_id, s.building_id,
                   s.reporter, s.amount_cents, s.days_overdue, s.is_repeat
            FROM signal s JOIN source src ON src.id = s.source_id
            WHERE \(condition) ORDER BY s.id
            """, arguments: arguments)
        while let row = try rows.next() {
            let fact = SignalFact(id: row[0], reference: row[1], type: row[2], occurredAt: row[3], reporter: row[6],
                                  amountCents: row[7], daysOverdue: row[8], isRepeat: row[9])
            if let resident = row[4] as Int64? {
                casebook.add(fact, resident: resident)
                touched.insert(resident)
            } else if let building = row[5] as Int64? {
                casebook.add(fact, building: building)
            }
        }
        return touched
    }
}
