import WaakvlamCore

/// Runs a rule test scenario through the engine in simulated time, exactly as the daemon would:
/// each step's data is taken in at its moment, and time passes in the policy's evaluation steps.
public struct RuleTestRunner: Sendable {
    /// The policy under test.
    public let policy: StoplightPolicy
    /// The calendar that turns registry dates into moments.
    public let calendar: LocalCalendar

    /// Creates a runner.
    public init(policy: StoplightPolicy, calendar: LocalCalendar) {
        self.policy = policy
        self.calendar = calendar
    }

    /// The outcome of one scenario.
    public struct Outcome: Sendable {
        /// Expectations checked.
        public var expectations: Int
        /// Those that failed.
        public var failures: [RuleTestFailure]
    }

    /// Runs `scenario` and reports every failed expectation.
    public func run(_ scenario: RuleTestScenario) -> Outcome {
        let ordered = scenario.steps.enumerated().sorted { ($0.element.moment, $0.offset) < ($1.element.moment, $1.offset) }.map(\.element)
        guard let first = ordered.first else { return Outcome(expectations: 0, failures: []) }
        var world = RuleTestWorld(policy: policy, calendar: calendar, start: first.moment)
        var outcome = Outcome(expectations: 0, failures: [])
        var index = 0
        var clock = first.moment
        while index < ordered.count {
            let moment = ordered[index].moment
            world.passTime(from: clock, to: moment)
            clock = moment
            var group: [RuleTestScenario.Step] = []
            while index < ordered.count, ordered[index].moment == moment {
                group.append(ordered[index])
                index += 1
            }
            for step in group { world.apply(step.action) }
            world.evaluate(at: moment)
            for step in group {
                guard case .expect(let subject, let level) = step.action else { continue }
                outcome.expectations += 1
                if let problem = world.check(subject: subject, level: level, at: moment) {
                    outcome.failures.append(RuleTestFailure(file: scenario.file, line: step.line, message: problem))
                }
            }
        }
        return outcome
    }
}
