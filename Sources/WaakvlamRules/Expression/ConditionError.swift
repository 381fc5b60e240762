/// Why a condition was rejected, and where: the first problem found, with its line and column.
public struct ConditionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is, for tests and tools.
    public var kind: Kind
    /// The 1-based line within the condition text.
    public var line: Int
    /// The 1-based column, in characters, within that line; it points at the first character of the offending token.
    public var column: Int
    /// Plain English for the person editing rules.yaml.
    public var message: String

    /// Creates an error.
    public init(kind: Kind, line: Int, column: Int, message: String) {
        self.kind = kind
        self.line = line
        self.column = column
        self.message = message
    }

    init(_ kind: Kind, at position: SourcePosition, _ message: String) {
        self.init(kind: kind, line: position.line, column: position.column, message: message)
    }

    /// `line 1, column 5: unknown function 'cout' ...`; the configuration adds the file and offsets the line.
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}
