/// Who may use the socket, and the bounds that keep one client from hurting the others.
public struct SocketSettings: Sendable, Equatable {
    /// Users (names) that may read: subscribe, status, explain.
    public var readUsers: [String]
    /// Groups (names) that may read.
    public var readGroups: [String]
    /// Users that may write: ingest, ack.
    public var writeUsers: [String]
    /// Groups that may write.
    public var writeGroups: [String]
    /// A request line longer than this is refused.
    public var maxLineBytes: Int
    /// A client that stops reading is cut off once this much output waits for it.
    public var maxPendingBytes: Int
    /// Most clients connected at once; one more is refused with a "too many clients" line.
    public var maxClients: Int = 256
    /// A client that is not subscribed and has no request in progress is closed after this long without a byte either way.
    public var idleTimeout: TimeSpan = TimeSpan(seconds: 60)

    /// The defaults: only root and the daemon's own user; 1 MiB lines; 4 MiB of pending output; 256 clients, idle for at most 60 s.
    public static let defaults = SocketSettings(readUsers: [], readGroups: [], writeUsers: [], writeGroups: [],
                                                maxLineBytes: 1 << 20, maxPendingBytes: 4 << 20)

    /// Creates socket settings.
    public init(readUsers: [String], readGroups: [String], writeUsers: [String], writeGroups: [String], maxLineBytes: Int, maxPendingBytes: Int) {
        self.readUsers = readUsers
        self.readGroups = readGroups
        self.writeUsers = writeUsers
        self.writeGroups = writeGroups
        self.maxLineBytes = maxLineBytes
        self.maxPendingBytes = maxPendingBytes
    }
}
