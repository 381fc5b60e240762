#if canImport(Glibc)
import Glibc
#endif
import Foundation

extension WaakvlamProcess {
    /// Reloads a daemon that has said `ready` with SIGHUP, and waits until it puts the
    /// configuration in force. A reload that comes while the daemon still loads its levels is
    /// refused as too early; it is sent again then.
    public func reloadUntilInForce(timeout: Double) -> Bool {
        func count(_ text: String) -> Int { standardError.components(separatedBy: text).count - 1 }
        let reloaded = count("configuration reloaded")
        var early = count("still loading its levels")
        send(SIGHUP)
        return WaakvlamProcess.waitUntil(timeout: timeout) {
            if count("configuration reloaded") > reloaded { return true }
            if count("still loading its levels") > early {
                early += 1
                send(SIGHUP)
            }
            return false
        }
    }
}
