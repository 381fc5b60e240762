/// One client connection; touched only on the loop thread.
final class Connection {
    let serial: UInt64
    var fd: Int32
    let peer: PeerCredentials
    var closed = false
    /// Refused at connect: only the error line goes out.
    var refused = false
    /// Counted against the server's client limit (every connection not refused at connect).
    var admitted = false
    /// When a byte last came in or went out (uptime nanoseconds): idleness is measured from it.
    var lastActivity: UInt64

    // Input: bytes not yet taken as lines start at `inputHead`; `scanned` is where the next newline search starts.
    var input: [UInt8] = []
    var inputHead = 0
    var scanned = 0
    /// Skipping the rest of an over-long line.
    var discarding = false
    /// The peer shut down its writing side (or closed).
    var readClosed = false

    // Output: bytes not yet sent start at `outputHead`.
    var output: [UInt8] = []
    var outputHead = 0
    var pending: Int { output.count - outputHead }
    /// Close as soon as the output is sent.
    var closing = false

    // Lingering close: closing with unread input sends the peer a reset, which can cost it the
    // last line. So the writing side is shut down and input discarded until end of stream or a bound.
    var lingering = false
    var lingerDeadline: UInt64 = 0
    var lingerDiscarded = 0

    /// A request of this connection is being answered; the next line waits.
    var busy = false

    // Subscription.
    var subscribed = false
    var catchingUp = false
    var subscribeRequestID: JSONValue?
    /// The last notice id sent (or the `after` of the subscription).
    var lastSent: Int64 = .min
    /// Live notices that came while the backlog was being read; bounded, else `liveOverflowed` and the store is asked again.
    var liveBuffer: [BacklogNotice] = []
    var liveBufferBytes = 0
    var liveOverflowed = false
    /// The next backlog page waits until the client has read enough.
    var pageWanted = false

    init(serial: UInt64, fd: Int32, peer: PeerCredentials, now: UInt64) {
        self.serial = serial
        self.fd = fd
        self.peer = peer
        self.lastActivity = now
    }

    var wantsInput: Bool { !busy && !readClosed && !closing && !refused }

    /// May be closed for idleness: a subscriber waits for notices and a busy client for its answer, so neither is idle.
    var canBeIdle: Bool { admitted && !busy && !subscribed && !catchingUp && !closing && !lingering && !closed }
}
