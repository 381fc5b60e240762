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
    static func text(_ line: NoticeLine) -> String {
        let dutch = { (level: String) in Level(rawValue: level)?.dutchName ?? (level == "unknown" ? "onbekend" : level) }
        var text = "#\(line.id) \(line.at) \(line.kind) \(line.subject.type) \(line.subject.id): \(dutch(line.from)) → \(dutch(line.to))"
        text += " (score \(line.score)\(line.rules.isEmpty ? "" : "; " + line.rules.joined(separator: ", "))) → \(line.route)"
        if let deadline = line.deadline { text += ", before \(deadline)" }
        return text
    }
}
