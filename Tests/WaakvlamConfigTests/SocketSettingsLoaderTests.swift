import Testing
import WaakvlamConfig
import WaakvlamCore

@Suite("ConfigurationLoader: the socket section's bounds")
struct SocketSettingsLoaderTests {
    func parse(_ socket: String) -> Result<DaemonConfiguration, ConfigurationError> {
        let text = """
            paths: {state: var, logs: var/log, socket: var/w.sock}
            time_zone: Europe/Amsterdam
            rules: rules.yaml
            teams:
              - {id: noord, name: Noord}
            \(socket)
            """
        return ConfigurationLoader.parse(text, file: "w.yaml", relativeTo: "/etc")
    }

    @Test("given max_clients and idle_timeout, when read, then both are taken; without them the defaults are 256 clients and 60 s")
    func boundsAreRead() throws {
        let set = try parse("socket: {max_clients: 20000, idle_timeout: 5m}").get()
        #expect(set.socket.maxClients == 20_000)
        #expect(set.socket.idleTimeout == TimeSpan(seconds: 300))
        let unset = try parse("socket: {max_line_bytes: 4096}").get()
        #expect(unset.socket.maxClients == 256)
        #expect(unset.socket.idleTimeout == TimeSpan(seconds: 60))
    }

    @Test("given a client limit out of range or an idle time-out that is not a duration, then each is an error at its value", arguments: [
        ("socket: {max_clients: 0}", "w.yaml:6:23: 'max_clients' must be"),
        ("socket: {max_clients: 2000000}", "w.yaml:6:23: 'max_clients' must be"),
        ("socket: {idle_timeout: 60}", "w.yaml:6:24: 'idle_timeout' must be a duration"),
        ("socket: {idle_timeout: 0s}", "w.yaml:6:24: 'idle_timeout' must be a duration"),
    ])
    func badBoundsAreErrors(socket: String, expected: String) {
        guard case .failure(let error) = parse(socket) else {
            Issue.record("accepted \(socket)")
            return
        }
        #expect(error.diagnostics.map(\.description).contains { $0.hasPrefix(expected) }, "\(error.diagnostics)")
    }
}
