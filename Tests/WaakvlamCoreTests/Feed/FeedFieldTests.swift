import Testing
@testable import WaakvlamCore

@Suite("FeedField")
struct FeedFieldTests {
    /// The field names of the feed contract in docs/contract.md.
    static let contract: Set<String> = [
        "source", "id", "type", "occurred_at", "resident", "building", "unit", "reporter", "amount", "days_overdue", "note",
        "neighbourhood", "minors", "origin", "moved_in", "moved_out", "support", "support_until", "units", "name",
    ]

    @Test("the fields are exactly the names of the contract")
    func namesMatchContract() {
        #expect(Set(FeedField.allCases.map(\.name)) == Self.contract)
        #expect(FeedField.allCases.count == Self.contract.count)
    }

    @Test("every name leads back to its field")
    func roundTrip() {
        for field in FeedField.allCases {
            #expect(FeedField(name: field.name) == field)
        }
    }

    @Test("names are exact: other spellings are not fields", arguments: ["Type", "occurredAt", "occurred-at", " type", "type ", "", "resident_id", "neighborhood"])
    func unknownNames(name: String) {
        #expect(FeedField(name: name) == nil)
    }

    @Test("only signal fields make a record a signal")
    func signalOnly() {
        #expect(Set(FeedField.signalOnly.map(\.name)) == ["source", "id", "type", "occurred_at", "reporter", "amount", "days_overdue", "note"])
    }
}
