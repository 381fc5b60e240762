import ArgumentParser
import WaakvlamStore

/// `waakvlam contact`: an outreach worker's contact attempt with a household.
struct ContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "contact", abstract: "Record a contact attempt with a resident.")
    @OptionGroup var global: GlobalOptions
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
        let environment = try global.openEnvironment()
        let now = environment.clock.now()
        do {
            try environment.database.recordContact(resident: resident, method: method, reached: reached == "yes", by: by, note: note, at: now)
            try environment.database.audit(who: Operator.name, action: "contact", subject: "resident \(resident)", at: now)
            Terminal.print("contact with \(resident) recorded (\(method), \(reached == "yes" ? "reached" : "not reached"))")
        } catch let error as FollowUpError {
            Terminal.error("waakvlam contact: \(error)")
            throw ExitCode(2)
        }
    }
}
