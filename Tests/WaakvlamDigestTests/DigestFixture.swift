import Foundation
import Testing
import WaakvlamCore
import WaakvlamDigest
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamService
import WaakvlamStore
import WaakvlamTesting

/// A store with real content: two buildings in two teams' neighbourhoods, their households from the
/// registry three weeks ago, then a handful of signals, each time evaluated by the real engine so that
/// levels, level changes and notices exist.
///
/// Monday 23 November 2026 (``TestEnvironment/now``): H1 (arrears with children) and H2 (cannabis) turn red,
/// H6 turns amber on the sum of its signals, N1 (police) turns amber in Noord. B1 has been red and B2 amber
/// since 3 November, on the share of households from sheltered housing.
struct DigestFixture {
    let directory = TemporaryDirectory()
    let environment: WaakvlamEnvironment
    let now = TestEnvironment.now
    let day = LocalDate(year: 2026, month: 11, day: 23)!
    var registryAt: Int64 { now - 20 * 86_400 }

    init() throws {
        environment = try TestEnvironment.make(in: directory, onDisk: true)
        try ingest("""
            building,units,neighbourhood,name
            B1,6,NB01,De Linde
            B2,5,NB03,Het Hof
            """, at: registryAt)
        try ingest("""
            resident,building,minors,origin,moved_in
            H1,B1,2,regulier,2019-01-01
            H2,B1,0,regulier,2019-01-01
            H3,B1,0,bw,2019-01-01
            H4,B1,0,bw,2019-01-01
            H5,B1,0,mo,2019-01-01
            H6,B1,0,regulier,2019-01-01
            N1,B2,0,regulier,2019-01-01
            N2,B2,0,regulier,2019-01-01
            N3,B2,0,regulier,2019-01-01
            N4,B2,0,regulier,2019-01-01
            N5,B2,0,bw,2019-01-01
            """, at: registryAt)
        try environment.openLevels(at: registryAt).evaluateAll(at: registryAt)
        try ingest("""
            source,id,type,occurred_at,resident,days_overdue,amount,note
            crm,1,achterstand.huur,2026-11-20,H1,75,700.00,NOTITIE-GEHEIM
            crm,2,waarneming.hennep,2026-11-22,H2,,,NOTITIE-GEHEIM
            crm,3,veiligheid.politie,2026-11-22,N1,,,
            crm,4,overlast.vervuiling,2026-11-21,H6,,,
            crm,5,waarneming.verwaarlozing,2026-11-21,H6,,,
            crm,6,achterstand.energie,2026-11-21,H6,40,120.00,
            """, at: now)
        try environment.openLevels(at: now).evaluateAll(at: now)
    }

    /// A builder over the fixture's store with the shipped rules and teams.
    var builder: DigestBuilder {
        DigestBuilder(database: environment.database, policy: environment.configuration.policy,
                      teams: environment.configuration.daemon.teams, calendar: environment.calendar)
    }

    /// The fixture's `day` plus `days`.
    func day(_ days: Int64) -> LocalDate { day.adding(days: days) }

    func ingest(_ text: String, at moment: Int64) throws {
        let report = try environment.ingestor.ingest(Ingestor.Input(source: MemorySource(text + "\n"), name: "feed.csv", channel: .command), now: moment)
        #expect(report.isClean, "\(report.problems)")
    }

    /// The id of the newest notice about household `reference`.
    func noticeID(_ reference: String) throws -> Int64 {
        Int64(try environment.database.integer("SELECT max(id) FROM notice WHERE subject_ref = ?", [reference]))
    }

    /// Inserts a notice row directly (kinds the engine does not write yet, or hostile references).
    func insertNotice(kind: String, reference: String, at moment: Int64, from: Level?, to: Level?, route: String = "wijkteam-centrum",
                      deadline: Int64? = nil, rules: String = "[]", signals: String = "[]") throws {
        try environment.database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO notice (at, kind, subject_type, subject_id, subject_ref, from_level, to_level, score, rules, signals, route, deadline)
                VALUES (?, ?, 'resident', 999, ?, ?, ?, 1.0, ?, ?, ?, ?)
                """, arguments: [moment, kind, reference, from?.rawValue, to?.rawValue, rules, signals, route, deadline])
        }
    }
}
