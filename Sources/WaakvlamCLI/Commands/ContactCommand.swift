import ArgumentParser
import WaakvlamService
import WaakvlamSocket
import WaakvlamStore

/// `waakvlam contact`: an outreach worker's contact attempt with a household.
struct ContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "Record a contact attempt with a resident.",
        discussion: "Goes through the daemon's socket when it runs (recorded as 'uid N'); otherwise, and always with --now, works on the state directory.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var daemon: DaemonOptions
    @Option(help: "Household reference.") var resident: String
    @Option(help: "visit, phone or letter.") var method: String
    @Option(help: "yes or no.") var reached: String
    @Option(help: "Who made contact: an account name (a letter, then a-z, 0-9, ., _ or -; at most 64).") var by: String?
    @Option(help: "A short note (at most 280 characters; never logged).") var note: String?

    func validate() throws {
        guard ["visit", "phone", "letter"].contains(method) else { throw ValidationError("--method must be visit, phone or letter") }
        guard ["yes", "no"].contains(reached) else { throw ValidationError("--reached must be yes or no") }
    }

    func run() async throws {
        let configuration = try global.loadConfiguration()
        switch try DaemonLink.way(configuration, command: "contact", options: daemon, now: global.now) {
        case .daemon(let link):
            var request: [String: JSONValue] = ["op": "contact", "resident": .string(resident), "method": .string(method), "reached": .bool(reached == "yes")]
            if let by { request["by"] = .string(by) }
            if let note { request["note"] = .string(note) }
            try link.followUp(request)
        case .direct(let lock):
            defer { lock.release() }
            let environment = try global.openEnvironment(configuration)
            let now = environment.clock.now()
            do {
                try environment.database.recordContact(resident: resident, method: method, reached: reached == "yes", by: by, note: note, at: now)
                try environment.database.audit(who: Operator.name, action: "contact", subject: "resident \(resident)", at: now)
            } catch let error as FollowUpError {
                Terminal.error("waakvlam contact: \(error)")
                throw ExitCode(2)
            }
        }
        Terminal.print("contact with \(resident) recorded (\(method), \(reached == "yes" ? "reached" : "not reached"))")
    }
}
