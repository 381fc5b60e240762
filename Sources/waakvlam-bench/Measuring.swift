import Foundation
import WaakvlamConfig
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamRules
import WaakvlamService
import WaakvlamSimulation
import WaakvlamStore

// MARK: - Measuring

func nanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Runs `body` and returns its result and the wall time in seconds.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = nanos()
    let result = try body()
    return (result, Double(nanos() - start) / 1e9)
}

/// Memory figures from /proc/self/status, in MiB.
func memory(_ key: String) -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
    for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
        let kb = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Double($0) } ?? .nan
        return kb / 1024
    }
    return .nan
}

/// Resets VmHWM to the current RSS (Linux ≥ 4.0), so that the peak covers the measurements only.
func resetPeakMemory() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

struct Series {
    var name: String
    var values: [Double] = []
    init(_ name: String) { self.name = name }

    var sorted: [Double] { values.sorted() }
    var median: Double {
        let sorted = sorted
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
    func percentile(_ p: Double) -> Double {
        let sorted = sorted
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[Swift.min(Swift.max(rank, 0), sorted.count - 1)]
    }
    var lowest: Double { values.min() ?? .nan }
    var highest: Double { values.max() ?? .nan }
}

/// Seconds as a short figure: ms below one second.
func show(_ seconds: Double) -> String {
    if seconds.isNaN { return "-" }
    if seconds >= 1 { return String(format: "%.2f s", seconds) }
    if seconds >= 0.001 { return String(format: "%.1f ms", seconds * 1e3) }
    return String(format: "%.0f µs", seconds * 1e6)
}

func report(_ series: Series, p99: Bool = false) {
    let name = series.name.padding(toLength: 52, withPad: " ", startingAt: 0)
    var line = "\(name) min \(show(series.lowest).leftPad(9))  median \(show(series.median).leftPad(9))  max \(show(series.highest).leftPad(9))"
    if p99 { line += "  p99 \(show(series.percentile(99)).leftPad(9))" }
    say(line + "  (n=\(series.values.count))")
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

/// Writes a line straight to standard output (unbuffered, so progress shows when piped).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
