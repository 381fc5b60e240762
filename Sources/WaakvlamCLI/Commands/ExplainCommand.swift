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
        let explainer = Explainer(stoplight: keeper.stoplight, calendar: environment.calendar)
        let found = resident.map { explainer.resident($0, at: now) } ?? building.map { explainer.building($0, at: now) } ?? nil
        // Every read of a person's details is recorded, also one that finds nothing.
        try environment.database.audit(who: Operator.name, action: "explain", subject: resident.map { "resident \($0)" } ?? "building \(building ?? "")", at: now)
        guard let explanation = found else {
            Terminal.error("waakvlam: no \(resident != nil ? "resident" : "building") '\(resident ?? building ?? "")' is known in \(environment.paths.stateDirectory)")
            throw ExitCode(2)
        }
        if json { return try Terminal.json(explanation) }
        ExplanationText(explanation).lines.forEach(Terminal.print)
    }
}
