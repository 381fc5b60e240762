#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Drops files into a state directory's spool the way a sender does.
public enum SpoolDrop {
    /// Writes `text` beside the state directory, dates it a minute back (settled) and renames it
    /// into `state/inbox/name` in one step.
    public static func settled(_ name: String, _ text: String, state: String, in directory: TemporaryDirectory) {
        let staging = directory.write(".staging-\(name)", text)
        var times = [timeval(tv_sec: time(nil) - 60, tv_usec: 0), timeval(tv_sec: time(nil) - 60, tv_usec: 0)]
        utimes(staging, &times)
        try? FileManager.default.createDirectory(atPath: state + "/inbox", withIntermediateDirectories: true)
        rename(staging, state + "/inbox/" + name)
    }
}
