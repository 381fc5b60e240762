import WaakvlamStore

/// The short summary systemd shows in `systemctl status` (the notify STATUS= line).
struct DaemonStatusLine: Sendable {
    let environment: WaakvlamEnvironment

    func render() -> String {
        guard let statistics = try? environment.database.statistics() else { return "store unreadable" }
        let backlog = environment.spool.backlog()
        return "\(statistics.signals) signals, \(statistics.residents) households, \(statistics.buildings) buildings; \(backlog) file(s) waiting in inbox"
    }
}
