import Foundation

/// Paths in this checkout that tests need: the shipped configuration and the built binary.
public enum Repository {
    /// The package root, found from this source file's location.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The shipped `config/waakvlam.yaml`.
    public static var configFile: String { root + "/config/waakvlam.yaml" }

    /// The text of the shipped configuration with its rules file named by absolute path (by
    /// default the shipped rules), for a test that writes a variant of it elsewhere.
    public static func shippedConfiguration(rules: String = root + "/config/rules.yaml") throws -> String {
        try String(contentsOfFile: configFile, encoding: .utf8).replacingOccurrences(of: "rules: rules.yaml", with: "rules: \(rules)")
    }

    /// The `waakvlam` binary built next to the running tests.
    public static let binary: String = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("waakvlam").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return root + "/.build/debug/waakvlam"
    }()
}
