import WaakvlamSocket

/// `reload` through the socket (`waakvlam reload`, the unit's `ExecReload=`): answered once the
/// reload is done, so that `systemctl reload` fails on a configuration the daemon refuses.
extension DaemonSocketHandler {
    /// `{"version", "changes": the rule set's changes, "level_changes", "summary_notices",
    /// "restart_only": sections}`, or an error with every problem in `problems` and the version
    /// still in force.
    func reload(peer: PeerCredentials) throws -> [String: JSONValue] {
        switch reloads.reloadAndWait(by: "uid \(peer.uid)") {
        case .reloaded(let version, let rules, let changes, let summaries, let later):
            return [
                "version": .string(version), "changes": .array(rules.lines.map { .string($0) }),
                "level_changes": .int(Int64(changes)), "summary_notices": .int(Int64(summaries)),
                "restart_only": .array(later.map { .string($0) }),
            ]
        case .refused(let problems):
            let version = reloader.versionInForce
            throw SocketRequestError("configuration refused; version \(version) stays in force",
                                     fields: ["problems": .array(problems.map { .string($0) }), "version": .string(version)])
        }
    }
}
