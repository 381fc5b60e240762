#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Who runs a command, for the audit table: the login name, else the uid.
enum Operator {
    static var name: String {
        let environment = ProcessInfo.processInfo.environment
        if let user = environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"], !user.isEmpty { return user }
        return "uid \(getuid())"
    }
}
