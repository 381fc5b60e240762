import WaakvlamStore

/// One refused record, as `ingest --json` lists it.
public struct IngestProblem: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The input as named (a path, `-`, a spool file name).
    public var file: String
    /// The 1-based line the record starts on (0 for the input as a whole).
    public var line: Int
    /// Why it was refused.
    public var reason: String

    /// Creates a problem.
    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `file:line: reason`, the form compilers and `check` use.
    public var description: String { "\(file):\(line): \(reason)" }
}

/// The outcome of ingesting one or more inputs.
public struct IngestReport: Sendable, Equatable {
    /// The figures, summed over inputs.
    public var counts = IngestCounts()
    /// The first problems found (see ``problemsOmitted``).
    public var problems: [IngestProblem] = []
    /// Problems beyond ``IngestReport/problemLimit`` not kept in memory; they are in the `.errors` files.
    public var problemsOmitted = 0
    /// Remarks that are not rejections, e.g. a file with only a header.
    public var notes: [String] = []
    /// Files the rejected rows went to.
    public var rejectedFiles: [String] = []
    /// Whether the ingest stopped early because the daemon is shutting down.
    public var interrupted = false

    /// How many problems a report keeps in memory.
    public static let problemLimit = 1_000

    /// An empty report.
    public init() {}

    /// Whether the input as a whole was fine: nothing rejected and no problem.
    public var isClean: Bool { counts.rejected == 0 && problems.isEmpty && problemsOmitted == 0 }

    /// Records `problem`, keeping at most ``problemLimit`` of them.
    public mutating func add(_ problem: IngestProblem) {
        if problems.count < Self.problemLimit { problems.append(problem) } else { problemsOmitted += 1 }
    }

    /// Adds another input's report to this one.
    public mutating func merge(_ other: IngestReport) {
        counts.add(other.counts)
        for problem in other.problems { add(problem) }
        problemsOmitted += other.problemsOmitted
        notes += other.notes
        rejectedFiles += other.rejectedFiles
        interrupted = interrupted || other.interrupted
    }
}
