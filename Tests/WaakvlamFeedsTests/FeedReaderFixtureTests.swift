import Foundation
import Testing
import WaakvlamCore
@testable import WaakvlamFeeds

/// Golden feed files in `Fixtures/`, each with a `.expected` file beside it, in the manner of fail2ban's filter tests.
///
/// An expectation file lists every item the reader reports, in order, one per line:
///
///     2: record
///     3: record {"resident": "R-1", "note": null}
///     4: rejected: <a substring of the reason>
///
/// A record may name the values it must have as a JSON object (`null`: the field must be
/// absent). Blank lines and lines starting with `#` are comments; `@max_record_bytes: N`
/// and `@ignored_columns: a, b` change the ingest settings for that feed. The format is
/// taken from the file name as `waakvlam ingest` does, and sniffed when the name says nothing.
@Suite("FeedReader: golden fixtures")
struct FeedReaderFixtureTests {
    struct Expectation: CustomStringConvertible {
        enum Kind { case record([String: String?]), rejected(String) }
        var line: Int
        var kind: Kind
        var source: String
        var description: String { source }
    }

    struct Fixture: CustomStringConvertible {
        var feed: URL
        var expectations: [Expectation]
        var settings: IngestSettings
        var description: String { feed.lastPathComponent }
    }

    static var directory: URL {
        get throws { try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)) }
    }

    static func feeds() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension != "expected" && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func expectationFile(for feed: URL) -> URL {
        feed.deletingPathExtension().appendingPathExtension("expected")
    }

    static func parse(_ feed: URL) throws -> Fixture {
        let text = try String(contentsOf: expectationFile(for: feed), encoding: .utf8)
        var settings = IngestSettings.defaults
        var expectations: [Expectation] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let place = "\(feed.deletingPathExtension().lastPathComponent).expected:\(index + 1)"
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("@") {
                let parts = line.dropFirst().split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                switch parts.first {
                case "max_record_bytes": settings.maxRecordBytes = try #require(Int(parts[1]), "\(place): not a number")
                case "ignored_columns": settings.ignoredColumns = Set(parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                default: Issue.record("\(place): unknown setting '\(line)'")
                }
                continue
            }
            let pieces = line.split(separator: ":", maxSplits: 1)
            let number = try #require(pieces.count == 2 ? Int(pieces[0]) : nil, "\(place): expected 'LINE: record' or 'LINE: rejected: REASON'")
            let rest = pieces[1].trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("rejected:") {
                let reason = rest.dropFirst("rejected:".count).trimmingCharacters(in: .whitespaces)
                try #require(!reason.isEmpty, "\(place): a rejection needs a reason substring")
                expectations.append(Expectation(line: number, kind: .rejected(reason), source: line))
            } else if rest.hasPrefix("record") {
                let json = rest.dropFirst("record".count).trimmingCharacters(in: .whitespaces)
                var values: [String: String?] = [:]
                if !json.isEmpty {
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(place): values must be a JSON object")
                    for (key, value) in object {
                        try #require(FeedField(name: key) != nil, "\(place): '\(key)' is not a feed field")
                        values[key] = value is NSNull ? String?.none : .some(try #require(value as? String, "\(place): '\(key)' must be a string or null"))
                    }
                }
                expectations.append(Expectation(line: number, kind: .record(values), source: line))
            } else {
                Issue.record("\(place): expected 'record' or 'rejected: REASON'")
            }
        }
        return Fixture(feed: feed, expectations: expectations, settings: settings)
    }

    /// Reads a fixture from disk through a file descriptor, as `waakvlam ingest FILE` does.
    static func read(_ fixture: Fixture) throws -> [FeedItem] {
        let descriptor = open(fixture.feed.path, O_RDONLY)
        try #require(descriptor >= 0, "cannot open \(fixture.feed.path)")
        defer { close(descriptor) }
        var reader = FeedReader(source: FileDescriptorSource(descriptor: descriptor), format: FeedFormat(fileName: fixture.feed.lastPathComponent), settings: fixture.settings)
        var items: [FeedItem] = []
        while let item = try reader.next() { items.append(item) }
        return items
    }

    @Test("there are fixtures, and every fixture has an expectation file and every expectation file a fixture")
    func fixturesArePaired() throws {
        let feeds = try Self.feeds()
        #expect(feeds.count >= 10)
        for feed in feeds {
            #expect(FileManager.default.fileExists(atPath: Self.expectationFile(for: feed).path), "\(feed.lastPathComponent) has no .expected file")
        }
        let expected = try FileManager.default.contentsOfDirectory(at: Self.directory, includingPropertiesForKeys: nil).filter { $0.pathExtension == "expected" }
        let stems = Set(feeds.map { $0.deletingPathExtension().lastPathComponent })
        for file in expected {
            #expect(stems.contains(file.deletingPathExtension().lastPathComponent), "\(file.lastPathComponent) has no feed beside it")
        }
        #expect(stems.count == feeds.count, "two feeds share one .expected file")
    }

    @Test("every fixture reads exactly as its expectation file says")
    func everyFixture() throws {
        for feed in try Self.feeds() {
            let fixture = try Self.parse(feed)
            let reported = try Self.read(fixture).filter {
                if case .rejectedContinuation = $0 { return false }
                return true
            }
            let name = fixture.description
            #expect(reported.count == fixture.expectations.count, "\(name): \(reported.count) items reported, \(fixture.expectations.count) expected: \(reported.map(Self.summary))")
            for (item, expectation) in zip(reported, fixture.expectations) {
                switch (item, expectation.kind) {
                case (.record(let line, let values, _), .record(let expectedValues)):
                    #expect(line == expectation.line, "\(name): record on line \(line), expected '\(expectation)'")
                    for (key, value) in expectedValues {
                        #expect(values[FeedField(name: key)!] == value, "\(name) line \(line): '\(key)' is \(values[FeedField(name: key)!].debugDescription), expected \(value.debugDescription)")
                    }
                case (.rejected(let line, let reason, _), .rejected(let substring)):
                    #expect(line == expectation.line, "\(name): rejection on line \(line) (\(reason)), expected '\(expectation)'")
                    #expect(reason.contains(substring), "\(name) line \(line): reason '\(reason)' does not contain '\(substring)'")
                default:
                    Issue.record("\(name): got \(Self.summary(item)), expected '\(expectation)'")
                }
            }
        }
    }

    static func summary(_ item: FeedItem) -> String {
        switch item {
        case .record(let line, _, _): "\(line): record"
        case .rejected(let line, let reason, _): "\(line): rejected: \(reason)"
        case .rejectedContinuation: "continuation"
        }
    }
}
