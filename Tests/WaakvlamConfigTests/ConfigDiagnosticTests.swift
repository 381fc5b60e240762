import Testing
@testable import WaakvlamConfig

@Suite("ConfigDiagnostic")
struct ConfigDiagnosticTests {
    @Test("a diagnostic reads file:line:col: message, like a compiler's")
    func description() {
        let diagnostic = ConfigDiagnostic(file: "/etc/waakvlam/rules.yaml", line: 12, column: 5, message: "unknown key 'half_lfie' in signal type 'overlast.geluid'")
        #expect(diagnostic.description == "/etc/waakvlam/rules.yaml:12:5: unknown key 'half_lfie' in signal type 'overlast.geluid'")
    }

    @Test("an error prints one diagnostic per line")
    func errorDescription() {
        let error = ConfigurationError(diagnostics: [
            ConfigDiagnostic(file: "a.yaml", line: 1, column: 1, message: "one"),
            ConfigDiagnostic(file: "a.yaml", line: 3, column: 7, message: "two"),
        ])
        #expect(error.description == "a.yaml:1:1: one\na.yaml:3:7: two")
    }
}
