import ArgumentParser
import WaakvlamConfig
import WaakvlamCore
import WaakvlamRules
import WaakvlamService
import WaakvlamStore
import WaakvlamSocket

/// `waakvlam explain`: a resident's or building's level and every reason behind it.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Show a resident's or building's level, score and every contribution behind it.",
        discussion: "Asks the daemon over its socket when it runs (the daemon records it in the audit table as 'uid N'); otherwise, and always with --now (the daemon keeps its own clock), works on the state directory.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var daemon: DaemonOptions
    @Option(help: "Household reference.") var resident: String?
    @Option(help: "Building reference.") var building: String?
    @Flag(help: "Machine-readable output.") var json = false

    func validate() throws {
        guard (resident == nil) != (building == nil) else { throw ValidationError("name exactly one of --resident or --building") }
    }

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let explanation: Explanation
        switch try DaemonLink.way(configuration, command: "explain", options: daemon, now: global.now) {
        case .daemon(let link):
            var request: [String: JSONValue] = ["op": "explain"]
            if let resident { request["resident"] = .string(resident) }
            if let building { request["building"] = .string(building) }
            switch try link.call(request) {
            case .ok(let members):
                explanation = try DaemonLink.decode(Explanation.self, from: members)
            case .failed(let message) where message.hasPrefix("no resident '") || message.hasPrefix("no building '"):
                unknown(configuration.daemon.paths.stateDirectory)
                throw ExitCode(2)
            case .failed(let message):
                Terminal.error("waakvlam explain: \(message)")
                throw ExitCode.failure
            }
        case .direct(let lock):
            defer { lock.release() }
            let environment = try global.openEnvironment(configuration)
            let now = environment.clock.now()
            let keeper = try environment.openLevels(at: now)
            guard let found = try environment.explain(resident: resident, building: building, with: keeper, who: Operator.name, at: now) else {
                unknown(environment.paths.stateDirectory)
                throw ExitCode(2)
            }
            explanation = found
        }
        if json { return try Terminal.json(explanation) }
        ExplanationText(explanation).lines.forEach(Terminal.print)
    }

    private func unknown(_ stateDirectory: String) {
        Terminal.error("waakvlam: no \(resident != nil ? "resident" : "building") '\(resident ?? building ?? "")' is known in \(stateDirectory)")
    }
}
