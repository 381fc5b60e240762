import Foundation
import WaakvlamCore
import WaakvlamStore

/// Writes one day's digests as files, one text and one HTML file per team, for the daemon to schedule.
public struct DigestWriter: Sendable {
    /// Reads the digests.
    public let builder: DigestBuilder
    /// The language they are written in.
    public let language: DigestLanguage

    /// Creates a writer.
    public init(builder: DigestBuilder, language: DigestLanguage = .dutch) {
        self.builder = builder
        self.language = language
    }

    /// Where digests go in a state directory: `STATE/digests`.
    public static func directory(inState stateDirectory: String) -> String { stateDirectory + "/digests" }

    /// The file name of a team's digest without extension: `YYYY-MM-DD-<team>` (characters outside
    /// letters, digits, `.`, `_` and `-` become `_`).
    public static func baseName(day: LocalDate, team: String) -> String {
        let safe = String(team.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
        return "\(day)-\(safe)"
    }

    /// Writes `digests/YYYY-MM-DD-<team>.txt` and `.html` for every team under the state directory `directory`
    /// (mode 0640, each written to a temporary name and renamed), records one audit row per rendering at
    /// `moment`, and returns the paths written.
    @discardableResult
    public func write(for day: LocalDate, into directory: String, at moment: Int64, who: String = Operator.name) throws -> [String] {
        let target = Self.directory(inState: directory)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        var written: [String] = []
        for team in builder.teams {
            let data = try builder.build(for: day, team: team.id)
            let base = target + "/" + Self.baseName(day: day, team: team.id)
            try DigestFile.save(DigestText(language: language).render(data), to: base + ".txt")
            try DigestFile.save(DigestHTML(language: language).render(data), to: base + ".html")
            let subject = DigestAudit.subject(team: team.id, day: day)
            try DigestAudit.record(in: builder.database, at: moment, who: who, subject: subject)
            try DigestAudit.record(in: builder.database, at: moment, who: who, subject: subject)
            written += [base + ".txt", base + ".html"]
        }
        return written
    }
}
