import Foundation
import Testing
import WaakvlamTesting

/// `explain` of a household with many signals lists a bounded number of contributions and
/// counts the rest, in text and in JSON alike.
extension StoplightCommandTests {
    @Test func givenAHouseholdWithMoreSignalsThanTheLimit_whenExplained_thenTwoHundredAreListedAndTheRestCountedInTextAndJSON() throws {
        var text = "source,id,type,occurred_at,resident,reporter\n"
        for index in 0..<260 { text += "crm,\(index),overlast.geluid,2026-11-\(String(format: "%02d", 1 + index % 19)),H1,N\(index % 7)\n" }
        #expect(try waakvlam(["ingest", directory.write("many.csv", text)]).status == 0)

        let json = try waakvlam(["explain", "--resident", "H1", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["contributions"] as? [Any])?.count == 200)
        #expect(object["contributions_omitted"] as? Int == 60)
        #expect(object["contributions_omitted_counted"] is Double || object["contributions_omitted_counted"] is Int)

        let plain = try waakvlam(["explain", "--resident", "H1"])
        #expect(plain.stdout.split(separator: "\n").filter { $0.contains("overlast.geluid") }.count == 200)
        #expect(plain.stdout.contains("… and 60 more contribution(s) adding "), "\(plain.stdout)")
    }
}
