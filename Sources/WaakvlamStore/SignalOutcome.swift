/// What became of one signal handed to the store.
enum SignalOutcome: Equatable {
    /// Stored as new.
    case inserted
    /// Its key is stored with the same content: nothing to do.
    case duplicate
    /// Its key is stored with other content; the reason names the earlier line or the stored signal.
    case conflict(String)
}
