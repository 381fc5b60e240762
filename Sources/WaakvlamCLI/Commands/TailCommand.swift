import ArgumentParser
import Foundation
import WaakvlamCore
import WaakvlamRules
import WaakvlamService

/// `waakvlam tail`: notices as they are delivered, one JSON object per line, resumable by id.
struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail", abstract: "Follow notices live, resuming after a notice id.",
        discussion: "Prints every delivered notice after --after (default: all) and then waits for new ones, until interrupted. It reads the state directory; a running daemon delivers into it.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Resume after this notice id.") var after: Int64 = 0
    @Flag(help: "One JSON object per line (the notice log's format).") var json = false
    @Flag(name: .customLong("no-follow"), help: "Print what has been delivered and stop.") var noFollow = false

    func run() async throws {
        let environment = try global.openEnvironment()
        let timeZone = environment.calendar.timeZone
        let ladder = environment.configuration.daemon.escalation.ladder
        var last = after
        while true {
            let notices = try environment.database.notices(after: last)
            for notice in notices {
                let line = NoticeLine(notice, timeZone: timeZone, ladder: ladder)
                Terminal.print(json ? line.json() : Self.text(line))
                last = notice.id
            }
            if noFollow { return }
            if notices.isEmpty { try await Task.sleep(for: .milliseconds(500)) }
        }
    }

    /// A notice in one readable line; levels in Dutch, as outreach workers read them.
    static func text(_ line: NoticeLine) -> String {
        let dutch = { (level: String) in Level(rawValue: level)?.dutchName ?? (level == "unknown" ? "onbekend" : level) }
        var text = "#\(line.id) \(line.at) \(line.kind) \(line.subject.type) \(line.subject.id): \(dutch(line.from)) → \(dutch(line.to))"
        text += " (score \(line.score)\(line.rules.isEmpty ? "" : "; " + line.rules.joined(separator: ", "))) → \(line.route)"
        if let deadline = line.deadline { text += ", before \(deadline)" }
        return text
    }
}
