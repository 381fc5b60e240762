import ArgumentParser
import WaakvlamCore
import WaakvlamRules

/// `waakvlam explain`: a resident's or building's level and every reason behind it.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Show a resident's or building's level, score and every contribution behind it.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Household reference.") var resident: String?
    @Option(help: "Building reference.") var building: String?
    @Flag(help: "Machine-readable output.") var json = false

    func validate() throws {
        guard (resident == nil) != (building == nil) else { throw ValidationError("name exactly one of --resident or --building") }
    }

    func run() async throws {
        let environment = try global.openEnvironment()
        let now = environment.clock.now()
        let keeper = try environment.openLevels(at: now)
        guard let explanation = try environment.explain(resident: resident, building: building, with: keeper, who: Operator.name, at: now) else {
            Terminal.error("waakvlam: no \(resident != nil ? "resident" : "building") '\(resident ?? building ?? "")' is known in \(environment.paths.stateDirectory)")
            throw ExitCode(2)
        }
        if json { return try Terminal.json(explanation) }
        ExplanationText(explanation).lines.forEach(Terminal.print)
    }
}
