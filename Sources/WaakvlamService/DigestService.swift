import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import WaakvlamCore
import WaakvlamDigest

/// Writes each team's daily digest (text and HTML) to the state directory at the configured
/// local time, once a day; a restart after that time on a day already written writes nothing.
public struct DigestService: Service {
    private let environment: WaakvlamEnvironment
    private let logger: Logger
    private let stop = StopFlag()
    private let queue = DispatchQueue(label: "waakvlam.digest")
    private let poll: Duration

    /// Creates the service; it looks every `poll` whether the day's digest is due.
    public init(environment: WaakvlamEnvironment, logger: Logger, poll: Duration = .seconds(30)) {
        self.environment = environment
        self.logger = logger
        self.poll = poll
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            while !stop.isSet && !Task.isCancelled {
                await writeIfDue()
                _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: poll) }
            }
        } onGracefulShutdown: {
            stop.set()
        }
    }

    private func writeIfDue() async {
        let environment = self.environment
        let now = environment.clock.now()
        let calendar = environment.calendar
        let today = calendar.localDate(of: now)
        let settings = environment.configuration.daemon.digest
        guard now >= calendar.startOfDay(today) + Int64(settings.minuteOfDay) * 60 else { return }
        let teams = environment.configuration.daemon.teams
        let directory = DigestWriter.directory(inState: environment.paths.stateDirectory)
        let done = teams.allSatisfy { FileManager.default.fileExists(atPath: directory + "/" + DigestWriter.baseName(day: today, team: $0.id) + ".html") }
        guard !done else { return }
        do {
            let written = try await BlockingWork.run(on: queue) {
                let builder = DigestBuilder(database: environment.database, policy: environment.configuration.policy, teams: teams, calendar: calendar)
                let writer = DigestWriter(builder: builder, language: DigestLanguage(rawValue: settings.language) ?? .dutch)
                return try writer.write(for: today, into: environment.paths.stateDirectory, at: now, who: "waakvlam")
            }
            logger.notice("daily digest written", metadata: ["day": "\(today)", "files": "\(written.count)"])
        } catch {
            logger.error("daily digest could not be written; will retry", metadata: ["day": "\(today)", "error": "\(error)"])
        }
    }
}
