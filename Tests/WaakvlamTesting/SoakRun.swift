#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import WaakvlamCore

/// Drives the real `waakvlam serve` through a soak: one daemon instance per phase, each started
/// three weeks of simulated time after the last (a Monday at 03:29:57, so its daily purge at
/// 03:30 comes three seconds in), fed for a few rounds through the spool, the socket and
/// `waakvlam ingest`, with a log rotation, a rules reload and acknowledgements on the way, and
/// stopped by SIGTERM or, every fourth phase, by `kill -9` in the middle of a large spool file.
/// It keeps the signals the daemon confirmed accepted and the figures; the checks are the test's.
public final class SoakRun: @unchecked Sendable {
    /// Simulated days between two phases (three weeks: every phase starts on a Monday, never on a DST switch).
    public static let stepDays = 21
    /// Scratch space: the configuration, the state directory, staging files.
    public let directory = TemporaryDirectory()
    /// The configuration and the rules the reloads swap.
    public let configuration: SoakConfiguration
    /// The simulated corporation.
    public internal(set) var feed = SoakFeed()
    /// Every signal the daemon confirmed accepted, by `source/id`.
    public internal(set) var accepted: [String: SoakSignal] = [:]
    /// The figures so far.
    public internal(set) var figures = SoakFigures()
    /// Spool files the daemon took, with the rows each held.
    public internal(set) var spoolFiles: [String: Int] = [:]
    /// Registry and building records the daemon confirmed accepted.
    public internal(set) var registryRecords = 0
    /// What went wrong while driving (time-outs, refused requests), for the test to report.
    public internal(set) var problems: [String] = []
    /// Phases, rounds per phase, signals per round and channel.
    public let phases: Int, rounds: Int, rowsPerRound: Int
    /// The first phase's day; its signals are dated in the three weeks before.
    public let firstDay = LocalDate(year: 2026, month: 1, day: 5)!
    var pendingSpool: [String: [SoakSignal]] = [:]
    var pendingRecords: [String: Int] = [:]
    var strictRules = false
    var spoolNumber = 0
    let calendar: LocalCalendar

    /// The state directory.
    public var state: String { directory.file("state") }
    /// Where the notice log and its rotated files are.
    public var logDirectory: String { state + "/log" }

    /// A run of `phases` phases of `rounds` rounds, each round feeding `rowsPerRound` signals per channel.
    public init(phases: Int, rounds: Int = 6, rowsPerRound: Int = 300) throws {
        self.phases = phases
        self.rounds = max(rounds, 3)
        self.rowsPerRound = rowsPerRound
        configuration = try SoakConfiguration(in: directory)
        calendar = try configuration.calendar()
    }

    /// Runs every phase; a phase in the middle is preceded by a `waakvlam purge` on the stopped store.
    public func run() throws {
        let started = Date()
        for phase in 0..<phases {
            if phase == phases / 2 && phase > 0 { commandLinePurge(at: startMoment(phase) - 3600) }
            try runPhase(phase)
        }
        figures.simulatedDays = phases * Self.stepDays
        figures.realSeconds = Date().timeIntervalSince(started)
    }

    /// The simulated moment phase `phase` starts at: its Monday, 03:29:57 local time.
    public func startMoment(_ phase: Int) -> Int64 {
        calendar.startOfDay(firstDay.adding(days: Int64(phase * Self.stepDays))) + 3 * 3600 + 29 * 60 + 57
    }

    /// `instant` as `--now` takes it, in UTC.
    static func utc(_ instant: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(instant)))
    }

    private func runPhase(_ phase: Int) throws {
        let day = firstDay.adding(days: Int64(phase * Self.stepDays))
        let daemon = try WaakvlamProcess(["serve", "--config", configuration.configFile, "--state-dir", state, "--now", Self.utc(startMoment(phase))],
                                         in: directory)
        figures.instances += 1
        guard WaakvlamProcess.waitUntil(timeout: 120, { daemon.standardError.contains("socket listening") }) else {
            problems.append("phase \(phase): the daemon did not start: \(daemon.standardError.suffix(2000))")
            throw CocoaError(.executableLoad)
        }
        let socket = try SocketClient(path: state + "/waakvlam.sock")
        var samples: [Int] = []
        for round in 0..<rounds {
            let tag = "p\(phase)r\(round)"
            if round == 0 {
                if phase == 0 {
                    dropSpool("000-buildings.csv", feed.buildingsCSV(), signals: [], records: (feed.households + 9) / 10)
                    dropSpool("001-registry.csv", feed.registryCSV(), signals: [], records: feed.households)
                } else {
                    moveOut(on: day.adding(days: -1), through: socket, phase: phase)
                }
            }
            let window = day.adding(days: Int64(-Self.stepDays))
            let spooled = feed.signals(rowsPerRound, tag: tag + "-spool", from: window, days: Self.stepDays)
            dropSpool("\(tag).csv", SoakSignal.csv(spooled), signals: spooled)
            figures.fedSpool += spooled.count
            let half = rowsPerRound / 2
            for part in 0..<2 { ingest(feed.signals(half, tag: "\(tag)-socket\(part)", from: window, days: Self.stepDays), through: socket, phase: phase) }
            switch round {
            case 0: ingestCommand(feed.signals(half, tag: tag + "-command", from: window, days: Self.stepDays), phase: phase)
            case 1: rotateLog(daemon, phase: phase)
            case 2: reload(daemon, phase: phase)
            default: break
            }
            if round == rounds - 1 { acknowledge(through: socket, phase: phase) }
            waitForSpool(phase: phase)
            if round == 0, !WaakvlamProcess.waitUntil(timeout: 120, { daemon.standardError.contains("daily purge done") }) {
                problems.append("phase \(phase): no daily purge")
            }
            samples.append(ProcessMemory.of(pid: daemon.pid)?.residentKB ?? 0)
        }
        figures.residentKB.append(samples)
        figures.peakKB.append(ProcessMemory.of(pid: daemon.pid)?.peakKB ?? 0)
        figures.daemonPurges += daemon.standardError.components(separatedBy: "daily purge done").count - 1
        if phase % 4 == 3 && phase < phases - 1 {
            crash(daemon, phase: phase)
        } else {
            daemon.send(SIGTERM)
            let status = daemon.waitForExit(timeout: 120)
            if status != 0 { problems.append("phase \(phase): SIGTERM gave exit \(String(describing: status)): \(daemon.standardError.suffix(2000))") }
            figures.graceful += 1
        }
    }

    /// Reads the store through a read-only connection (the daemon may be writing).
    func read<T>(_ block: (Database) throws -> T) -> T? {
        var options = Configuration()
        options.readonly = true
        guard let queue = try? DatabaseQueue(path: state + "/waakvlam.sqlite", configuration: options) else { return nil }
        return try? queue.read(block)
    }
}
