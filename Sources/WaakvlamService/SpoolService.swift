import Foundation
import Dispatch
import Logging
import ServiceLifecycle
import WaakvlamCore
import WaakvlamIngest

/// Watches `inbox/` and ingests each file that is ready, until the daemon stops.
///
/// On graceful shutdown the file in hand is left after its current batch is
/// committed; its progress is kept, and the next start resumes after it.
///
/// A file is named in the journal by its keyed pseudonym (``Pseudonymizer/pseudonym(ofFile:)``)
/// and the time stamp of its copy in `processed/` or `rejected/`, never by the name the
/// sender chose: that may carry a household's name, or line breaks that forge journal lines.
public struct SpoolService: Service {
    private let spool: SpoolDirectory
    private let clock: any WallClock
    private let interval: Duration
    private let logger: Logger
    private let faults: FaultBoard
    private let pseudonyms: Pseudonymizer
    private let stop = StopFlag()
    private let queue = DispatchQueue(label: "waakvlam.spool")
    private let onFileDone: @Sendable () -> Void

    /// A spool watcher looking every `interval`; `onFileDone` runs after each file (to refresh the
    /// status). A file that cannot be stored (a full disk, a locked store) stays in `inbox/` with
    /// its committed progress and is tried again after the back-off `faults` gives.
    public init(spool: SpoolDirectory, clock: any WallClock, interval: TimeSpan, faults: FaultBoard, pseudonyms: Pseudonymizer, logger: Logger,
                onFileDone: @escaping @Sendable () -> Void = {}) {
        self.spool = spool
        self.pseudonyms = pseudonyms
        self.clock = clock
        self.interval = .seconds(interval.seconds)
        self.faults = faults
        self.logger = logger
        self.onFileDone = onFileDone
    }

    public func run() async throws {
        await stop.repeatUntilShutdown { await processReadyFiles() ?? interval }
    }

    /// Ingests the files that are ready, oldest first; returns the back-off when one failed
    /// (the files after it wait too: what failed one would fail them).
    private func processReadyFiles() async -> Duration? {
        let names: [String]
        do {
            // Whether a file has settled is a question of real time, even when `serve --now` shifts the clock.
            names = try spool.readyFiles(now: Int64(Date().timeIntervalSince1970))
        } catch {
            return faults.failed("spool", error, metadata: ["directory": "inbox"])
        }
        for name in names where !stop.isSet {
            if let wait = await process(name) { return wait }
            onFileDone()
        }
        return nil
    }

    private func process(_ name: String) async -> Duration? {
        let spool = self.spool, clock = self.clock, stop = self.stop, logger = self.logger
        let file = pseudonyms.pseudonym(ofFile: name)
        do {
            let outcome = try await BlockingWork.run(on: queue) {
                try spool.process(name, now: clock.now(), shouldStop: { stop.isSet })
            }
            if let refusal = outcome.refusal {
                logger.warning("spool file refused", metadata: [
                    "file": "\(file)", "reason": "\(refusal.replacingOccurrences(of: name, with: file))", "kept": "\(Self.copy(outcome))",
                ])
            } else if let report = outcome.report {
                let metadata: Logger.Metadata = [
                    "file": "\(file)", "moved_to": "\(Self.copy(outcome))", "accepted": "\(report.counts.accepted)", "duplicates": "\(report.counts.duplicates)",
                    "repeats": "\(report.counts.repeats)", "rejected": "\(report.counts.rejected)",
                ]
                if report.interrupted {
                    logger.notice("spool file interrupted by shutdown; resumes at next start", metadata: metadata)
                } else if report.isClean {
                    logger.info("spool file ingested", metadata: metadata)
                } else {
                    logger.warning("spool file ingested with rejected rows (see rejected/)", metadata: metadata)
                }
            }
            faults.succeeded("spool")
            return nil
        } catch {
            // The file stays in inbox/; what was committed of it stays, and the retry resumes after it.
            return faults.failed("spool", error, metadata: ["file": "\(file)"], redacting: [name: file])
        }
    }

    /// Where a file went, by directory and time stamp only (`processed/20261204T031500Z-…`): what an
    /// operator needs to find it, without the sender's name.
    private static func copy(_ outcome: SpoolDirectory.Outcome) -> String {
        guard let moved = outcome.movedTo else { return "inbox (stays)" }
        let parts = moved.split(separator: "/")
        let base = parts.last.map(String.init) ?? ""
        let named = [outcome.name + ".errors", outcome.name].first { base.hasSuffix($0) }
        let stamp = named.map { String(base.dropLast($0.count)) } ?? ""
        return (parts.dropLast().last.map { "\($0)/" } ?? "") + stamp + "…"
    }
}
