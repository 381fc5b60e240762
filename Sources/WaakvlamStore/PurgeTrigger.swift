/// Who started a purge: the daemon's daily run or `waakvlam purge`.
public enum PurgeTrigger: String, Sendable {
    /// The daemon, at `retention.run_at`.
    case daemon
    /// `waakvlam purge`.
    case command
}
