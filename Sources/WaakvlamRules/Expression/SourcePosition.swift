/// A place in a condition's text, both 1-based, the column counted in characters.
struct SourcePosition: Sendable, Equatable {
    var line: Int
    var column: Int

    static let start = SourcePosition(line: 1, column: 1)
}
