import ArgumentParser
import Foundation
import WaakvlamConfig
import WaakvlamCore
import WaakvlamRules
import WaakvlamService
import WaakvlamSocket

/// `waakvlam tail`: notices as they are delivered, one JSON object per line, resumable by id.
struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail", abstract: "Follow notices live, resuming after a notice id.",
        discussion: "Prints every delivered notice after --after (default: all) and then waits for new ones, until interrupted. When the daemon runs it subscribes on the daemon's socket (and resubscribes after the last notice seen if the daemon restarts); otherwise it reads the state directory.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var daemon: DaemonOptions
    @Option(help: "Resume after this notice id.") var after: Int64 = 0
    @Flag(help: "One JSON object per line (the notice log's format).") var json = false
    @Flag(name: .customLong("no-follow"), help: "Print what has been delivered and stop.") var noFollow = false

    func run() async throws {
        let configuration = try global.loadConfiguration()
        if let link = try DaemonLink.open(configuration, command: "tail", writes: false, options: daemon),
           try followDaemon(link) {
            return
        }
        let environment = try global.openEnvironment(configuration)
        let timeZone = environment.calendar.timeZone
        let ladder = environment.configuration.daemon.escalation.ladder
        var last = after
        while true {
            let notices = try environment.database.notices(after: last)
            for notice in notices {
                show(NoticeLine(notice, timeZone: timeZone, ladder: ladder))
                last = notice.id
            }
            if noFollow { return }
            if notices.isEmpty { try await Task.sleep(for: .milliseconds(500)) }
        }
    }

    /// Prints notices from the daemon's `subscribe`. Returns false when the daemon refused us
    /// before anything was printed (the caller then reads the state directory).
    private func followDaemon(_ first: DaemonLink) throws -> Bool {
        var last = after
        // --no-follow: what is delivered now, as the daemon counts it.
        var until: Int64?
        if noFollow {
            let answer: DaemonLink.Answer
            do { answer = try first.call(["op": "status"]) } catch is DaemonLink.Refused { return false }
            switch answer {
            case .ok(let members):
                guard let id = members["last_notice_id"]?.int64Value else { return false } // an older daemon
                until = id
            case .failed(let message):
                try first.unusable(why: message)
                return false
            }
            if let until, until <= last { return true }
        }
        var link: DaemonLink? = first
        var printed = false
        while true {
            guard let current = link else {
                // The daemon went away: resubscribe after the last notice once it is back.
                Thread.sleep(forTimeInterval: 0.5)
                link = first.reconnected()
                continue
            }
            do {
                try current.client.send(.object(["op": "subscribe", "after": .int(last)]))
                guard let answer = try current.client.receive(timeout: DaemonLink.answerTimeout) else { throw SocketClientError(operation: "closed", path: current.client.path, code: 0) }
                if answer["ok"]?.boolValue != true {
                    let message = answer["error"]?.stringValue ?? "subscribe refused"
                    if !printed, DaemonLink.isRefusal(message) {
                        try current.unusable(why: message)
                        return false
                    }
                    Terminal.error("waakvlam tail: \(message)")
                    throw ExitCode.failure
                }
                while let line = try current.client.receive() {
                    guard let id = line["notice_id"]?.int64Value, let notice = line["notice"], id > last else { continue }
                    if let until, id > until { return true }
                    show(try DaemonLink.decode(NoticeLine.self, from: notice.objectValue ?? [:]))
                    printed = true
                    last = id
                    if let until, id >= until { return true }
                }
                link = nil
            } catch is SocketClientError {
                link = nil
            }
        }
    }

    private func show(_ line: NoticeLine) {
        Terminal.print(json ? line.json() : Self.text(line))
    }

    /// A notice in one readable line; levels in Dutch, as outreach workers read them.
    ///
    /// Each kind says what it is about in its own words: a level change names its subject and
    /// levels; feedback and a rule change carry no level of their own, so they show none.
    static func text(_ line: NoticeLine) -> String {
        let head = "#\(line.id) \(line.at) \(line.kind)"
        var text: String
        switch NoticeKind(rawValue: line.kind) {
        case .feedback:
            text = "\(head) \(line.subject.type) \(line.subject.id): the report is being followed up"
        case .ruleChange:
            text = "\(head) team \(line.subject.id): \(line.signals.count) level change(s) by new rules"
            let shown = line.signals.prefix(Self.ruleChangesShown).map(Self.ruleChangeText)
            if !shown.isEmpty { text += ": " + shown.joined(separator: ", ") }
            if line.signals.count > Self.ruleChangesShown { text += " and \(line.signals.count - Self.ruleChangesShown) more" }
        case .building:
            text = "\(head) \(line.subject.id): \(Self.dutch(line.from)) → \(Self.dutch(line.to))"
        case .reminder:
            text = "\(head) \(line.subject.type) \(line.subject.id): aftercare check-in (\(Self.dutch(line.to)))"
        case .escalation, .deEscalation, .overdue, nil:
            text = "\(head) \(line.subject.type) \(line.subject.id): \(Self.dutch(line.from)) → \(Self.dutch(line.to))"
            text += " (score \(line.score)\(line.rules.isEmpty ? "" : "; " + line.rules.joined(separator: ", ")))"
        }
        text += " → \(line.route)"
        if let deadline = line.deadline { text += ", before \(deadline)" }
        return text
    }

    /// Rule-change entries printed in full before the rest is counted.
    static let ruleChangesShown = 5

    private static func dutch(_ level: String) -> String {
        Level(rawValue: level)?.dutchName ?? (level == "unknown" ? "onbekend" : level)
    }

    /// `resident:H12:green>amber` as `resident H12 groen → oranje` (a reference may hold a colon).
    private static func ruleChangeText(_ entry: String) -> String {
        guard let first = entry.firstIndex(of: ":"), let last = entry.lastIndex(of: ":"), first < last,
              let arrow = entry[last...].firstIndex(of: ">") else { return entry }
        let kind = entry[..<first], reference = entry[entry.index(after: first)..<last]
        let from = String(entry[entry.index(after: last)..<arrow]), to = String(entry[entry.index(after: arrow)...])
        return "\(kind) \(reference) \(dutch(from)) → \(dutch(to))"
    }
}
