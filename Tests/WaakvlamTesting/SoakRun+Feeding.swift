#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import WaakvlamCore

extension SoakRun {
    /// Writes `text` as `inbox/name.part`, dates it a minute back (settled) and renames it to
    /// `inbox/name`, as a sender does; its `signals` (or `records` registry records) count as
    /// accepted once the daemon took the file.
    func dropSpool(_ name: String, _ text: String, signals: [SoakSignal], records: Int = 0) {
        let inbox = state + "/inbox"
        try? FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let part = inbox + "/" + name + ".part"
        _ = FileManager.default.createFile(atPath: part, contents: Data(text.utf8))
        var times = [timeval(tv_sec: time(nil) - 60, tv_usec: 0), timeval(tv_sec: time(nil) - 60, tv_usec: 0)]
        utimes(part, &times)
        rename(part, inbox + "/" + name)
        pendingSpool[name] = signals
        pendingRecords[name] = records
    }

    /// Waits until the daemon has taken every spool file dropped so far out of `inbox/`.
    func waitForSpool(phase: Int, timeout: Double = 120) {
        let inbox = state + "/inbox/"
        let done = WaakvlamProcess.waitUntil(timeout: timeout) {
            pendingSpool.keys.allSatisfy { !FileManager.default.fileExists(atPath: inbox + $0) }
        }
        if !done { problems.append("phase \(phase): spool files still waiting: \(pendingSpool.keys.sorted())") }
        for (name, signals) in pendingSpool where !FileManager.default.fileExists(atPath: inbox + name) {
            for signal in signals { accepted[signal.key] = signal }
            figures.accepted += signals.count
            registryRecords += pendingRecords[name] ?? 0
            spoolFiles[name] = signals.count + (pendingRecords[name] ?? 0)
            pendingSpool[name] = nil
            pendingRecords[name] = nil
        }
    }

    /// Sends `data` as one socket `ingest` request and returns the answer.
    private func request(_ socket: SocketClient, _ object: [String: Any]) -> [String: Any]? {
        guard let json = try? JSONSerialization.data(withJSONObject: object) else { return nil }
        socket.send(String(decoding: json, as: UTF8.self))
        return socket.receive(timeout: 120)
    }

    /// Feeds `signals` through the socket; they count as accepted when the answer says so.
    func ingest(_ signals: [SoakSignal], through socket: SocketClient, phase: Int) {
        figures.fedSocket += signals.count
        let answer = request(socket, ["op": "ingest", "data": SoakSignal.csv(signals), "name": signals.first?.id ?? "soak"])
        guard answer?["accepted"] as? Int == signals.count else {
            problems.append("phase \(phase): socket ingest of \(signals.count) answered \(String(describing: answer))")
            return
        }
        for signal in signals { accepted[signal.key] = signal }
        figures.accepted += signals.count
    }

    /// Feeds `signals` with `waakvlam ingest --json FILE`, which goes through the daemon's socket.
    func ingestCommand(_ signals: [SoakSignal], phase: Int) {
        figures.fedCommand += signals.count
        let file = directory.write("command-\(phase).csv", SoakSignal.csv(signals))
        let result = try? WaakvlamProcess.run(["ingest", "--config", configuration.configFile, "--state-dir", state, "--json", file], in: directory)
        let answer = result.flatMap { try? JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) as? [String: Any] }
        guard result?.status == 0, answer?["accepted"] as? Int == signals.count else {
            problems.append("phase \(phase): waakvlam ingest answered \(String(describing: result))")
            return
        }
        for signal in signals { accepted[signal.key] = signal }
        figures.accepted += signals.count
    }

    /// Tells the daemon, through the registry on the socket, that a few households moved out.
    func moveOut(on day: LocalDate, through socket: SocketClient, phase: Int) {
        let before = feed.movedOut.count
        let registry = feed.moveOut(4, on: day)
        let answer = request(socket, ["op": "ingest", "data": registry, "name": "moved-out-\(phase)"])
        let moved = feed.movedOut.count - before
        if answer?["accepted"] as? Int == moved { registryRecords += moved } else { problems.append("phase \(phase): moving out answered \(String(describing: answer))") }
        figures.movedOut += moved
    }

    /// Acknowledges delivered notices that wait for it, as outreach workers would: every one of a
    /// household that moved out (its case closes, so retention may delete it whole) and up to 40 others
    /// (all of them with `WAAKVLAM_SOAK_ACK=all`).
    func acknowledge(through socket: SocketClient, phase: Int) {
        let open = "acked_at IS NULL AND resolved_at IS NULL AND deadline IS NOT NULL AND delivered_at IS NOT NULL"
        let movedOut = Array(feed.movedOut.keys)
        let marks = Array(repeating: "?", count: max(movedOut.count, 1)).joined(separator: ",")
        let ids = read { db -> [Int64] in
            let closing = try Int64.fetchAll(db, sql: "SELECT id FROM notice WHERE \(open) AND subject_type = 'resident' AND subject_ref IN (\(marks))",
                                             arguments: StatementArguments(movedOut.isEmpty ? [""] : movedOut))
            // WAAKVLAM_SOAK_ACK=all follows up every open notice (to tell open cases from a leak).
            let limit = ProcessInfo.processInfo.environment["WAAKVLAM_SOAK_ACK"] == "all" ? -1 : 40
            let others = try Int64.fetchAll(db, sql: "SELECT id FROM notice WHERE \(open) ORDER BY id LIMIT \(limit)")
            return Array(Set(closing + others)).sorted()
        } ?? []
        for id in ids {
            let answer = request(socket, ["op": "ack", "notice": id, "by": "soak"])
            if answer?["ok"] as? Bool == true { figures.acknowledged += 1 } else { problems.append("phase \(phase): ack \(id) answered \(String(describing: answer))") }
        }
    }
}
