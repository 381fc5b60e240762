#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB

extension SoakRun {
    private func count(_ text: String, in daemon: WaakvlamProcess) -> Int {
        daemon.standardError.components(separatedBy: text).count - 1
    }

    /// Rotates the notice log as logrotate does (rename, then SIGUSR1 so the daemon reopens it).
    func rotateLog(_ daemon: WaakvlamProcess, phase: Int) {
        let log = logDirectory + "/notices.jsonl"
        guard FileManager.default.fileExists(atPath: log) else { return }
        let reopened = count("notice log reopened", in: daemon)
        figures.rotations += 1
        rename(log, log + ".\(figures.rotations)")
        daemon.send(SIGUSR1)
        if !WaakvlamProcess.waitUntil(timeout: 120, { count("notice log reopened", in: daemon) > reopened }) {
            problems.append("phase \(phase): the notice log was not reopened")
        }
    }

    /// Swaps the rules file for the other variant (`amber_at` 3.0 or 4.0) and reloads with SIGHUP.
    func reload(_ daemon: WaakvlamProcess, phase: Int) {
        strictRules.toggle()
        configuration.writeRules(amberAt: strictRules ? "3.0" : "4.0")
        if daemon.reloadUntilInForce(timeout: 120) {
            figures.reloads += 1
        } else {
            problems.append("phase \(phase): the reload was not put in force: \(daemon.standardError.suffix(1000))")
        }
    }

    /// Drops a large spool file and kills the daemon with SIGKILL once it has committed part of it.
    func crash(_ daemon: WaakvlamProcess, phase: Int) {
        let name = "p\(phase)-large.csv"
        let signals = feed.signals(rowsPerRound * 20, tag: "p\(phase)-large", from: firstDay.adding(days: Int64((phase - 1) * Self.stepDays)),
                                   days: Self.stepDays)
        dropSpool(name, SoakSignal.csv(signals), signals: signals)
        figures.fedSpool += signals.count
        let midFile = WaakvlamProcess.waitUntil(timeout: 30) {
            (read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ingest_run WHERE input LIKE ? AND finished_at IS NULL AND last_line > 1",
                                     arguments: ["%" + name]) ?? 0 } ?? 0) > 0
        }
        daemon.send(SIGKILL)
        _ = daemon.waitForExit(timeout: 120)
        figures.killed += 1
        if midFile && FileManager.default.fileExists(atPath: state + "/inbox/" + name) { figures.killedMidFile += 1 }
    }

    /// Runs `waakvlam purge` on the stopped store at the simulated moment `now`.
    func commandLinePurge(at now: Int64) {
        let result = try? WaakvlamProcess.run(["purge", "--config", configuration.configFile, "--state-dir", state, "--now", Self.utc(now), "--json"],
                                              in: directory)
        if result?.status == 0 { figures.commandPurges += 1 } else { problems.append("waakvlam purge: \(String(describing: result))") }
    }
}
