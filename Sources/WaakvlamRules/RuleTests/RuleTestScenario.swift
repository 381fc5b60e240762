import WaakvlamCore

/// One rule test file: a timeline of registry facts and signals with the levels expected along the way.
public struct RuleTestScenario: Sendable {
    /// The file, as named in failure reports.
    public var file: String
    /// What the test is about.
    public var name: String
    /// The steps in the order written; the runner takes them in time order.
    public var steps: [Step]

    /// Creates a scenario.
    public init(file: String, name: String, steps: [Step]) {
        self.file = file
        self.name = name
        self.steps = steps
    }

    /// One thing that happens, or is expected, at a moment.
    public struct Step: Sendable {
        /// When, in seconds since the epoch.
        public var moment: Int64
        /// The line of the file it was written on.
        public var line: Int
        /// What happens.
        public var action: Action

        /// Creates a step.
        public init(moment: Int64, line: Int, action: Action) {
            self.moment = moment
            self.line = line
            self.action = action
        }
    }

    /// What a step does.
    public enum Action: Sendable {
        /// A signal arrives.
        case signal(SignalRecord)
        /// A registry record arrives (who lives where).
        case registry(RegistryRecord)
        /// A building record arrives.
        case building(BuildingRecord)
        /// A resident or building should show `level` (`green`, `amber`, `red`, or `unknown` for a building).
        case expect(subject: String, level: String)
    }
}

/// One expectation that did not hold.
public struct RuleTestFailure: Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The line of the expectation.
    public var line: Int
    /// What was expected and what came out.
    public var message: String

    /// `file:line: message`.
    public var description: String { "\(file):\(line): \(message)" }
}
