#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The operations a client can ask for on the socket.
public enum SocketOperation: String, Sendable, CaseIterable {
    /// Live notices, resuming after a given notice id (read access).
    case subscribe
    /// Feed data for the one ingest path (write access).
    case ingest
    /// Daemon status (read access).
    case status
    /// Why a household has its level (read access).
    case explain
    /// Acknowledges a notice (write access).
    case ack
    /// Records a contact attempt with a household (write access).
    case contact
    /// Puts a notice off until a moment, with a reason (write access).
    case snooze
    /// Closes the follow-up of a notice (write access).
    case resolve
    /// Reloads the configuration, answering when the reload is done (write access).
    case reload

    /// True when the operation changes data or the daemon: `ingest`, `ack`, `contact`, `snooze`,
    /// `resolve`, `reload`.
    public var needsWrite: Bool {
        switch self {
        case .ingest, .ack, .contact, .snooze, .resolve, .reload: true
        case .subscribe, .status, .explain: false
        }
    }
}

/// Who is on the other end of a connection, from the kernel (SO_PEERCRED; supplementary
/// groups from SO_PEERGROUPS where the kernel has it, else only the primary group).
public struct PeerCredentials: Sendable, Equatable, CustomStringConvertible {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32
    /// The primary group and the supplementary groups.
    public var groups: [UInt32]

    public init(pid: Int32, uid: UInt32, gid: UInt32, groups: [UInt32]? = nil) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.groups = groups ?? [gid]
    }

    public var description: String { "pid \(pid) uid \(uid) gid \(gid)" }
}

/// Which peers may read (`subscribe`, `status`, `explain`) and which may write (`ingest`, `ack`).
/// Read and write are independent: a feed account allowed to ingest does not thereby see
/// households' explanations. Users in `trustedUsers` (by default root and the daemon's own
/// user) always have both.
public struct SocketAccess: Sendable, Equatable {
    public var readUsers: Set<UInt32>
    public var readGroups: Set<UInt32>
    public var writeUsers: Set<UInt32>
    public var writeGroups: Set<UInt32>
    /// Users with read and write access whatever the lists say.
    public var trustedUsers: Set<UInt32>

    /// Root and the effective user of this process.
    public static var defaultTrustedUsers: Set<UInt32> { [0, UInt32(geteuid())] }

    public init(
        readUsers: Set<UInt32> = [], readGroups: Set<UInt32> = [],
        writeUsers: Set<UInt32> = [], writeGroups: Set<UInt32> = [],
        trustedUsers: Set<UInt32> = SocketAccess.defaultTrustedUsers
    ) {
        self.readUsers = readUsers
        self.readGroups = readGroups
        self.writeUsers = writeUsers
        self.writeGroups = writeGroups
        self.trustedUsers = trustedUsers
    }

    public func canRead(_ peer: PeerCredentials) -> Bool {
        trustedUsers.contains(peer.uid) || readUsers.contains(peer.uid) || peer.groups.contains(where: readGroups.contains)
    }

    public func canWrite(_ peer: PeerCredentials) -> Bool {
        trustedUsers.contains(peer.uid) || writeUsers.contains(peer.uid) || peer.groups.contains(where: writeGroups.contains)
    }

    /// May this peer connect at all (read or write)?
    public func allowsConnection(_ peer: PeerCredentials) -> Bool { canRead(peer) || canWrite(peer) }

    /// May this peer perform `operation`?
    public func allows(_ operation: SocketOperation, peer: PeerCredentials) -> Bool {
        operation.needsWrite ? canWrite(peer) : canRead(peer)
    }
}
