#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Somewhere feed bytes come from: a file, standard input, a socket message.
public protocol ByteSource: Sendable {
    /// Reads up to `buffer.count` bytes; returns 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Reading failed at the operating-system level.
public struct ByteSourceError: Error, CustomStringConvertible {
    /// The failing call's `errno` text.
    public var description: String
}

/// Reads from an open file descriptor, which the caller owns and closes.
public struct FileDescriptorSource: ByteSource {
    private let descriptor: Int32

    /// Reads from `descriptor`.
    public init(descriptor: Int32) { self.descriptor = descriptor }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw ByteSourceError(description: String(cString: strerror(errno)))
        }
    }
}

/// Reads from bytes already in memory (a socket request, a test).
public struct MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    /// Reads `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Reads the UTF-8 of `text`.
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
