import Foundation
import WaakvlamConfig
import WaakvlamCore
import WaakvlamStore

/// The soak's configuration: the shipped one with retention periods of 30 days, a daily purge
/// at 03:30, a quick spool and small ingest batches, and rules with a 60-day scoring horizon
/// (a 90-day look-back with the rule windows), so that months of simulated time really purge.
/// Two rules variants, `amber_at` 4.0 and 3.0, are swapped by reloads.
public struct SoakConfiguration: Sendable {
    /// `waakvlam.yaml`.
    public let configFile: String
    /// The rules file it names.
    public let rulesFile: String
    private let rules: String

    /// Writes both files into `directory` (the rules at `amber_at` 4.0).
    public init(in directory: TemporaryDirectory) throws {
        rulesFile = directory.file("soak-rules.yaml")
        rules = try String(contentsOfFile: Repository.root + "/config/rules.yaml", encoding: .utf8)
            .replacingOccurrences(of: "  horizon: 365d", with: "  horizon: 60d")
        let retention = """
            retention:
              signals_after_horizon: 30 days
              moved_out: 30 days
              notices: 30 days
              audit: 30 days
              run_at: "03:30"
            """
        let text = try Repository.shippedConfiguration(rules: rulesFile)
            .replacingOccurrences(of: "  batch_size: 50000", with: "  batch_size: 2000")
            .replacingOccurrences(of: "  spool_poll_interval: 2s", with: "  spool_poll_interval: 1s")
            .replacingOccurrences(of: #"(?ms)^retention:\n.*?(?=^\S)"#, with: retention + "\n\n", options: .regularExpression)
        configFile = directory.write("soak.yaml", text)
        writeRules(amberAt: "4.0")
    }

    /// Rewrites the rules file with the stoplight's amber threshold at `amberAt`.
    public func writeRules(amberAt: String) {
        _ = FileManager.default.createFile(atPath: rulesFile, contents: Data(rules.replacingOccurrences(of: "  amber_at: 4.0", with: "  amber_at: \(amberAt)").utf8))
    }

    /// The configuration as the daemon reads it.
    public func loaded() throws -> LoadedConfiguration { try ConfigurationLoader.load(path: configFile).get() }

    /// The cutoffs a purge at `now` applies under this configuration.
    public func cutoffs(at now: Int64) throws -> PurgeCutoffs {
        let configuration = try loaded()
        let calendar = try calendar()
        return PurgeCutoffs(retention: configuration.daemon.retention, lookBack: configuration.policy.lookBack, calendar: calendar, now: now)
    }

    /// The configured time zone's calendar.
    public func calendar() throws -> LocalCalendar {
        guard let calendar = LocalCalendar(identifier: try loaded().daemon.timeZone) else { throw CocoaError(.featureUnsupported) }
        return calendar
    }
}
