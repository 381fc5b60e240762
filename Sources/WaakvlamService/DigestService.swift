import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import WaakvlamConfig
import WaakvlamCore
import WaakvlamDigest

/// Writes each team's daily digest (text and HTML) to the state directory at the configured
/// local time, once a day; a restart after that time on a day already written writes nothing.
/// The time, language, teams and rules are those in force: a reload changes them for the next digest.
public struct DigestService: Service {
    private let environment: WaakvlamEnvironment
    private let configuration: @Sendable () -> LoadedConfiguration
    private let logger: Logger
    private let faults: FaultBoard
    private let stop = StopFlag()
    private let queue = DispatchQueue(label: "waakvlam.digest")
    private let poll: Duration

    /// Creates the service; it looks every `poll` whether the day's digest is due, and sooner
    /// after a failed one when the back-off from `faults` is shorter. `configuration` is the one in
    /// force (the reloader's).
    public init(environment: WaakvlamEnvironment, configuration: @escaping @Sendable () -> LoadedConfiguration, faults: FaultBoard,
                logger: Logger, poll: Duration = .seconds(30)) {
        self.environment = environment
        self.configuration = configuration
        self.faults = faults
        self.logger = logger
        self.poll = poll
    }

    public func run() async throws {
        await stop.repeatUntilShutdown { await writeIfDue().map { min($0, poll) } ?? poll }
    }

    /// Writes the day's digest when it is due and not written; returns the back-off if that failed.
    private func writeIfDue() async -> Duration? {
        let environment = self.environment
        let now = environment.clock.now()
        let calendar = environment.calendar
        let today = calendar.localDate(of: now)
        let inForce = configuration()
        let settings = inForce.daemon.digest
        guard now >= calendar.startOfDay(today) + Int64(settings.minuteOfDay) * 60 else { return nil }
        let teams = inForce.daemon.teams
        let directory = DigestWriter.directory(inState: environment.paths.stateDirectory)
        let done = teams.allSatisfy { FileManager.default.fileExists(atPath: directory + "/" + DigestWriter.baseName(day: today, team: $0.id) + ".html") }
        guard !done else { return nil }
        do {
            let written = try await BlockingWork.run(on: queue) {
                let builder = DigestBuilder(database: environment.database, policy: inForce.policy, teams: teams, calendar: calendar)
                let writer = DigestWriter(builder: builder, language: DigestLanguage(rawValue: settings.language) ?? .dutch)
                return try writer.write(for: today, into: environment.paths.stateDirectory, at: now, who: "waakvlam")
            }
            logger.notice("daily digest written", metadata: ["day": "\(today)", "files": "\(written.count)"])
            faults.succeeded("daily digest")
            return nil
        } catch {
            // Each file is written whole or not at all; the retry writes the day's digest again.
            return faults.failed("daily digest", error, metadata: ["day": "\(today)"])
        }
    }
}
