import Foundation
import Testing
import WaakvlamCore
import WaakvlamSimulation

/// What is written reads back as what was generated, in both formats.
@Suite struct RoundTripTests {
    let fixture = SimulationFixture.standard

    static func expectedFields(_ signal: SyntheticSignal) -> [String: String] {
        var fields = ["source": signal.source.name, "id": signal.id, "type": signal.type.code, "occurred_at": signal.occurredAt]
        fields["resident"] = signal.resident
        fields["building"] = signal.building
        fields["unit"] = signal.unit
        fields["reporter"] = signal.reporter
        fields["amount"] = signal.amount
        fields["days_overdue"] = signal.daysOverdue.map(String.init)
        fields["note"] = signal.note
        return fields
    }

    @Test func csvQuotingRoundTrips() {
        // Given the generated signals and notes that need quoting
        let generated = fixture.neighbourhood.signals()
        #expect(generated.contains { $0.note?.contains(",") == true })
        #expect(generated.contains { $0.note?.contains("\"") == true })
        // When the written CSV is split again
        // Then every row holds exactly the generated values
        #expect(fixture.signals.count == generated.count)
        for (row, signal) in zip(fixture.signals, generated) {
            #expect(row == Self.expectedFields(signal))
        }
        // and building names with a comma read back whole
        #expect(fixture.buildings.map { $0["name"]! } == fixture.neighbourhood.buildings.map(\.name))
        #expect(fixture.buildings.contains { $0["name"]!.contains(",") })
    }

    @Test func quotedFieldsAreWrittenAsRFC4180Says() {
        // Given the raw signals file
        let text = fixture.texts[2]
        // Then notes with quotes or commas appear quoted, their quotes doubled, and plain fields unquoted
        #expect(text.contains(",\"\"\"het houdt maar niet op\"\" volgens melder\"\n"))
        #expect(text.contains(",\"geen reactie op brief, ook niet telefonisch\"\n"))
        #expect(text.contains(",melding via buurtapp\n"))
    }

    @Test func jsonLinesHoldTheSameRecordsAsCSV() throws {
        // Given the same parameters written as JSON Lines
        let directory = SimulationFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let summary = try SyntheticFeedWriter(format: .jsonl).write(fixture.neighbourhood, to: directory)
        #expect(summary.signalsFile.hasSuffix("signals.jsonl"))
        for (file, csv) in [(summary.buildingsFile, fixture.buildings), (summary.registryFile, fixture.registry), (summary.signalsFile, fixture.signals)] {
            // When each line is parsed as JSON
            let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == csv.count)
            for (line, row) in zip(lines, csv) {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                // Then it has the CSV row's fields, with numbers as JSON numbers
                #expect(Set(object.keys) == Set(row.keys))
                for (key, value) in row {
                    switch object[key] {
                    case let text as String: #expect(text == value)
                    case let number as NSNumber: #expect(number.doubleValue == Double(value))
                    default: Issue.record("\(key) has an unexpected JSON type")
                    }
                }
            }
        }
        #expect(summary.signals == fixture.summary.signals)
    }
}
