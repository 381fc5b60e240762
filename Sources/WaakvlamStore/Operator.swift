#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Who runs a command, for the audit table's `who`: the person behind `sudo` (`SUDO_USER`),
/// else the login name (`USER`, `LOGNAME`), else the numeric uid. Every command records the
/// same name, so an audit trail follows one person across commands.
public enum Operator {
    /// The first of those that is set and not empty.
    public static var name: String {
        let environment = ProcessInfo.processInfo.environment
        let names = ["SUDO_USER", "USER", "LOGNAME"].compactMap { environment[$0] }
        return names.first { !$0.isEmpty } ?? "uid \(getuid())"
    }
}
