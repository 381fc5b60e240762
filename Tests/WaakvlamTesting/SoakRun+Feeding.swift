#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import WaakvlamCore

extension SoakRun {
    /// Writes `text` as `inbox/name.part`, dates it a minute back (settled) and renames it to
    /// `inbox/name`, as a sender does; its `signals` count as accepted once the daemon took the file.
    func dropSpool(_ name: String, _ text: String, signals: [SoakSignal]) {
        let inbox = state + "/inbox"
        try? FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let part = inbox + "/" + name + ".part"
        _ = FileManager.default.createFile(atPath: part, contents: Data(text.utf8))
        var times = [timeval(tv_sec: time(nil) - 60, tv_usec: 0), timeval(tv_sec: time(nil) - 60, tv_usec: 0)]
        utimes(part, &times)
        rename(part, inbox + "/" + name)
        pendingSpool[name] = signals
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
            pendingSpool[name] = nil
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
        if answer?["ok"] as? Bool != true { problems.append("phase \(phase): moving out answered \(String(describing: answer))") }
        figures.movedOut += feed.movedOut.count - before
    }

    /// Acknowledges the delivered notices that wait for it (up to 40), as an outreach worker would.
    func acknowledge(through socket: SocketClient, phase: Int) {
        let open = read {
            try Int64.fetchAll($0, sql: """
                SELECT id FROM notice WHERE acked_at IS NULL AND resolved_at IS NULL AND deadline IS NOT NULL
                AND delivered_at IS NOT NULL ORDER BY id LIMIT 40
                """)
        } ?? []
        for id in open {
            let answer = request(socket, ["op": "ack", "notice": id, "by": "soak"])
            if answer?["ok"] as? Bool == true { figures.acknowledged += 1 } else { problems.append("phase \(phase): ack \(id) answered \(String(describing: answer))") }
        }
    }
}
