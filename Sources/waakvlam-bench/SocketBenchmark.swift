#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization

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

/// One line-oriented connection to the daemon's socket.
final class BenchConnection: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw BenchError("cannot connect to \(path): \(String(cString: strerror(errno)))") }
    }

    func send(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// The next line, or nil at end of stream.
    func line() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
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
    subscriber.send(#"{"op":"subscribe"}"#)
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
                connection.send(request)
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
