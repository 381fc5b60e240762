import Foundation

/// A process's memory as Linux reports it in `/proc/PID/status`, in kilobytes.
public struct ProcessMemory: Sendable, Equatable {
    /// Resident set size now (`VmRSS`).
    public var residentKB: Int
    /// The highest resident set size so far (`VmHWM`).
    public var peakKB: Int

    /// Reads the figures of process `pid`; nil when it is gone or the file lacks them.
    public static func of(pid: Int32) -> ProcessMemory? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func kilobytes(_ key: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return nil }
            return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "")
        }
        guard let resident = kilobytes("VmRSS"), let peak = kilobytes("VmHWM") else { return nil }
        return ProcessMemory(residentKB: resident, peakKB: peak)
    }
}
