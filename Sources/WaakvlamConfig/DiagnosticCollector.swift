import Yams

/// Gathers every problem in one file, so `check` can show them all at once.
final class DiagnosticCollector {
    let file: String
    private var reported: [ConfigDiagnostic] = []

    /// Every problem so far, in file order (problems at one place in the order found).
    var diagnostics: [ConfigDiagnostic] {
        reported.enumerated()
            .sorted { ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset) }
            .map(\.element)
    }

    init(file: String) { self.file = file }

    /// Records `message` at the position of `node` (or the file's start).
    func report(_ node: Node?, _ message: String) {
        let mark = node?.mark
        reported.append(ConfigDiagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    /// Records `message` at a line and column.
    func report(line: Int, column: Int, _ message: String) {
        reported.append(ConfigDiagnostic(file: file, line: line, column: column, message: message))
    }

    /// Parses `text` into its root node, reporting YAML syntax errors with their position.
    func compose(_ text: String) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                report(line: mark.line, column: mark.column, "YAML: \(problem)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                report(line: context.mark.line, column: context.mark.column, "key '\(duplicates.joined(separator: "', '"))' appears twice in one mapping")
            default:
                report(line: 1, column: 1, "YAML: \(error)")
            }
        } catch {
            report(line: 1, column: 1, "YAML: \(error)")
        }
        return nil
    }
}
