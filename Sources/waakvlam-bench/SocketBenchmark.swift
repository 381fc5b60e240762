#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization
import WaakvlamSocket

/// Options of `waakvlam-bench socket`.
struct SocketOptions {
    var rate = 1_000
    var seconds = 60
    var feeders = 8
    var binary = ".build-bench/release/waakvlam"
    var config = "config/waakvlam.yaml"

    static func parse(_ arguments: ArraySlice<String>) -> SocketOptions {
        var options = SocketOptions()
        var rest = arguments
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { usage() }
            switch flag {
            case "--rate": options.rate = max(1, Int(value) ?? options.rate)
            case "--seconds": options.seconds = max(1, Int(value) ?? options.seconds)
            case "--feeders": options.feeders = max(1, Int(value) ?? options.feeders)
            case "--binary": options.binary = value
            case "--config": options.config = value
            default: usage()
            }
        }
        return options
    }
}

/// One line-oriented connection to the daemon's socket: the socket module's blocking client
/// (reads without a time-out, a reused read buffer, no copy per line beyond the line itself).
typealias BenchConnection = SocketLineClient

extension SocketLineClient {
    /// The next line, or nil at end of stream (or on an error).
    func line() -> String? {
        guard let bytes = (try? readLine()) ?? nil else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Time from a signal entering the socket (an `ingest` request) to its notice reaching a
/// subscriber, at a steady rate: each signal is a cannabis-farm observation for a new
/// household, so each makes exactly one escalation notice.
func socketBenchmark(_ options: SocketOptions) throws {
    let state = NSTemporaryDirectory() + "waakvlam-socket-bench-\(getpid())"
    try? FileManager.default.removeItem(atPath: state)
    let daemon = Process()
    daemon.executableURL = URL(fileURLWithPath: options.binary)
    daemon.arguments = ["serve", "--config", options.config, "--state-dir", state]
    daemon.standardError = FileHandle(forWritingAtPath: "/dev/null")
    try daemon.run()
    defer {
        daemon.terminate()
        daemon.waitUntilExit()
        try? FileManager.default.removeItem(atPath: state)
    }
    let path = state + "/waakvlam.sock"
    var subscriber: BenchConnection?
    for _ in 0..<300 where subscriber == nil {
        usleep(100_000)
        subscriber = try? BenchConnection(path: path)
    }
    guard let subscriber else { throw BenchError("the daemon's socket did not appear") }
    try subscriber.send(#"{"op":"subscribe"}"#)
    _ = subscriber.line()

    let total = options.rate * options.seconds
    let sent = Mutex([UInt64](repeating: 0, count: total))
    let received = Mutex([UInt64](repeating: 0, count: total))
    let reader = Thread {
        var count = 0
        while count < total, let line = subscriber.line() {
            guard let range = line.range(of: #""id":"R"#) else { continue }
            let digits = line[range.upperBound...].prefix { $0.isNumber }
            guard let index = Int(digits), index < total else { continue }
            let now = DispatchTime.now().uptimeNanoseconds
            received.withLock { if $0[index] == 0 { $0[index] = now; count += 1 } }
        }
    }
    reader.start()

    say("socket benchmark: \(total) signals at \(options.rate)/s over \(options.feeders) connections, one notice each")
    let start = DispatchTime.now().uptimeNanoseconds + 200_000_000
    let interval = UInt64(1_000_000_000 / options.rate)
    let group = DispatchGroup()
    let rejected = Mutex(0)
    for feeder in 0..<options.feeders {
        let connection = try BenchConnection(path: path)
        group.enter()
        Thread {
            var index = feeder
            while index < total {
                let due = start + UInt64(index) * interval
                let now = DispatchTime.now().uptimeNanoseconds
                if due > now { usleep(UInt32((due - now) / 1_000)) }
                let request = #"{"op":"ingest","data":"source,id,type,occurred_at,resident\nbench,\#(index),waarneming.hennep,2026-11-20,R\#(index)\n"}"#
                let at = DispatchTime.now().uptimeNanoseconds
                sent.withLock { $0[index] = at }
                try? connection.send(request)
                if let answer = connection.line(), !answer.contains(#""accepted":1"#) { rejected.withLock { $0 += 1 } }
                index += options.feeders
            }
            group.leave()
        }.start()
    }
    group.wait()
    let sendingSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let settleDeadline = Date().addingTimeInterval(10)
    while received.withLock({ $0.filter { $0 > 0 }.count }) < total, Date() < settleDeadline { usleep(50_000) }

    let pairs = zip(sent.withLock { $0 }, received.withLock { $0 })
    var latencies = pairs.compactMap { $1 > 0 && $0 > 0 ? Double($1 - $0) / 1e9 : nil }
    latencies.sort()
    let missing = total - latencies.count
    func quantile(_ q: Double) -> Double { latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count) * q))] }
    say("sent \(total) in \(String(format: "%.1f", sendingSeconds)) s (\(String(format: "%.0f", Double(total) / sendingSeconds))/s), \(rejected.withLock { $0 }) not accepted")
    say("notices received: \(latencies.count), missing: \(missing)")
    say("latency signal → notice at subscriber: p50 \(show(quantile(0.5)))  p90 \(show(quantile(0.9)))  p99 \(show(quantile(0.99)))  max \(show(latencies.last ?? .nan))")
    say("target p99 < 10 ms, nothing dropped: \(quantile(0.99) < 0.010 && missing == 0 ? "MET" : "NOT MET")")
}
