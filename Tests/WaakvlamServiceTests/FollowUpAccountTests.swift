import Foundation
import GRDB
import Testing
import WaakvlamCore
import WaakvlamService
import WaakvlamStore
import WaakvlamTesting

/// Who follows a notice up is an account name, and the reporters' feedback does not say
/// which neighbour complained about whom.
extension FollowUpTests {
    @Test func givenAnAcknowledgement_thenEachReportersFeedbackNamesThemByKeyedPseudonym() throws {
        let (environment, _, id) = try amberFromComplaints()

        _ = try environment.acknowledge(notice: id, by: "anna", note: nil, who: "anna", at: now + 60)

        let named = try notices(environment).filter { $0["kind"] == "feedback" }.map { $0["subject_ref"] as String }
        #expect(named.count == 3)
        #expect(named.allSatisfy { $0.range(of: #"^p-[0-9a-f]{12}$"#, options: .regularExpression) != nil }, "\(named)")
        #expect(Set(named).isDisjoint(with: ["N1", "N2", "N3"]))
        #expect(Set(named).count == 3, "distinct reporters keep distinct pseudonyms")
    }

    @Test func givenFeedbackReportersId_thenTheFeedbackNamesTheReferenceTheFeedSent() throws {
        let (base, _, id) = try amberFromComplaints()
        var configuration = base.configuration
        configuration.daemon.escalation.feedbackReporters = .id
        let environment = try WaakvlamEnvironment(configuration: configuration, database: base.database, clock: base.clock)

        _ = try environment.acknowledge(notice: id, by: "anna", note: nil, who: "anna", at: now + 60)

        #expect(try notices(environment).filter { $0["kind"] == "feedback" }.map { $0["subject_ref"] as String } == ["N1", "N2", "N3"])
    }

    @Test(arguments: ["Anna de Vries, tel 0612345678", "Anna", "1anna", "anna@corporatie.nl", "", String(repeating: "a", count: 65)])
    func givenFreeTextAsWhoFollowsUp_thenItIsRefusedAndNothingIsKept(by: String) throws {
        let (environment, _, id) = try amberFromComplaints()

        #expect(throws: FollowUpError.self) { _ = try environment.acknowledge(notice: id, by: by, note: nil, who: "anna", at: now + 60) }
        #expect(throws: FollowUpError.self) { _ = try environment.database.resolve(notice: id, by: by, at: now + 60) }
        #expect(throws: FollowUpError.self) {
            try environment.database.recordContact(resident: "H1", method: "visit", reached: true, by: by, note: nil, at: now + 60)
        }

        #expect(try environment.database.integer("SELECT count(*) FROM notice WHERE acked_at IS NOT NULL OR resolved_at IS NOT NULL") == 0)
        #expect(try environment.database.integer("SELECT count(*) FROM audit") == 0)
        #expect(try environment.database.integer("SELECT count(*) FROM contact") == 0)
    }

    @Test(arguments: ["anna", "a.devries", "w_jansen-2", String(repeating: "a", count: 64)])
    func givenAnAccountName_thenItIsTaken(by: String) throws {
        let (environment, _, id) = try amberFromComplaints()
        let done = try environment.acknowledge(notice: id, by: by, note: nil, who: "anna", at: now + 60)
        #expect(done.acknowledged == [id])
    }
}
