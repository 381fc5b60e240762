#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A feed file written through a large buffer with POSIX `write`, made visible under its name only when complete.
///
/// Bytes go to a hidden temporary file beside the target (`.name.tmp`),
/// which `commit()` renames into place: a spool watching the directory never
/// sees half a file.
struct FeedFile: ~Copyable {
    /// The final path of the file.
    let path: String
    private let temporaryPath: String
    private let descriptor: Int32
    private let capacity: Int
    /// The row bytes not yet written.
    var buffer: ByteBuffer
    /// Bytes written so far.
    private(set) var written = 0
    private var isCommitted = false

    /// Creates (or truncates) the temporary file for `name` in `directory`.
    init(directory: String, name: String, capacity: Int) throws(SimulationError) {
        path = directory + "/" + name
        temporaryPath = directory + "/." + name + ".tmp"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw Self.failure(path) }
        self.capacity = capacity
        buffer = ByteBuffer(capacity: capacity + 4_096)
    }

    deinit {
        close(descriptor)
        if !isCommitted { unlink(temporaryPath) }
    }

    /// Writes the buffer out once it holds `capacity` bytes or more.
    mutating func flushIfFull() throws(SimulationError) {
        if buffer.bytes.count >= capacity { try flush() }
    }

    /// Writes out the rest, syncs, and renames the file into place.
    consuming func commit() throws(SimulationError) -> Int {
        try flush()
        guard fsync(descriptor) == 0, rename(temporaryPath, path) == 0 else { throw Self.failure(path) }
        isCommitted = true
        return written
    }

    private mutating func flush() throws(SimulationError) {
        let count = buffer.bytes.count
        var offset = 0
        let result: Int32 = buffer.bytes.withUnsafeBytes { bytes in
            while offset < count {
                let wrote = write(descriptor, bytes.baseAddress! + offset, count - offset)
                if wrote < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += wrote
            }
            return 0
        }
        guard result == 0 else { throw Self.failure(path, code: result) }
        written += count
        buffer.bytes.removeAll(keepingCapacity: true)
    }

    private static func failure(_ path: String, code: Int32 = errno) -> SimulationError {
        .cannotWrite(path: path, reason: String(cString: strerror(code)))
    }
}
