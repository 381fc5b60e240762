import ArgumentParser
import Foundation
import WaakvlamConfig
import WaakvlamCore
import WaakvlamRules

/// `waakvlam test-rules`: rule tests run offline, each failed expectation reported with file and line.
struct TestRulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test-rules", abstract: "Run rule unit tests offline: timelines of signals with expected levels.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Rule test files (YAML).") var files: [String]

    func run() async throws {
        let configuration = try global.loadConfiguration()
        guard let calendar = LocalCalendar(identifier: configuration.daemon.timeZone) else { throw ExitCode.failure }
        var failed = false
        var expectations = 0
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                Terminal.error("\(file): cannot read the rule test file")
                failed = true
                continue
            }
            // A test may name its own rules; it is then parsed against those types.
            var policy = configuration.policy
            if let named = RuleTestLoader.namedRules(in: text, file: file) {
                switch RulesLoader.load(path: named) {
                case .success(let loaded): policy = loaded
                case .failure(let error):
                    Terminal.error(error.description)
                    failed = true
                    continue
                }
            }
            switch RuleTestLoader.parse(text, file: file, rules: policy.ruleSet, calendar: calendar) {
            case .failure(let error):
                Terminal.error(error.description)
                failed = true
            case .success(let loaded):
                let outcome = RuleTestRunner(policy: policy, calendar: calendar).run(loaded.scenario)
                expectations += outcome.expectations
                outcome.failures.forEach { Terminal.error($0.description) }
                failed = failed || !outcome.failures.isEmpty
                let verdict = outcome.failures.isEmpty ? "ok" : "FAILED (\(outcome.failures.count) of \(outcome.expectations))"
                Terminal.print("\(verdict)  \(file): \(loaded.scenario.name) — \(outcome.expectations) expectation(s)")
            }
        }
        Terminal.print("\(files.count) file(s), \(expectations) expectation(s): \(failed ? "failures" : "all passed")")
        if failed { throw ExitCode.failure }
    }
}
