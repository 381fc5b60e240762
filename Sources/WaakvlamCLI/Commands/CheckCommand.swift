import ArgumentParser
import WaakvlamConfig

/// `waakvlam check`: validate configuration and rules.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration and the rules it names.",
        discussion: "Prints every problem as file:line:col: message and exits 1 when there is any.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let loaded = try global.loadConfiguration()
        Terminal.print("\(global.configPath): ok — \(loaded.rules.signalTypes.count) signal types in \(loaded.rules.domains.count) domains, \(loaded.policy.rules.count) rules, \(loaded.daemon.teams.count) teams; rules \(loaded.daemon.rulesFile)")
    }
}
