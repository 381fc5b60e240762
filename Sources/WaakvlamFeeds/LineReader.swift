#if canImport(Glibc)
import Glibc
#endif

/// Splits a byte stream into lines in bounded memory.
///
/// A line longer than the limit is not buffered whole: its first `limit`
/// bytes are kept (for the rejected copy) and the rest is skipped, so a 10 MB
/// line or a binary file without newlines cannot exhaust memory.
public struct LineReader<Source: ByteSource> {
    /// One line, without its `\n` or `\r\n`.
    public struct Line {
        /// 1-based line number in the input.
        public var number: Int
        /// The bytes (at most the limit, when ``totalLength`` is larger).
        public var bytes: ArraySlice<UInt8>
        /// The full length of the line in bytes, which exceeds `bytes.count` for an overlong line.
        public var totalLength: Int
        /// Whether the line was cut because it exceeded the limit.
        public var isOverlong: Bool { totalLength > bytes.count }
    }

    private var source: Source
    private let limit: Int
    private var buffer: [UInt8]
    /// The buffer's largest size: a chunk, and room for a line at the limit.
    private let capacity: Int
    private var lastReadFilled = false
    private var start = 0
    private var end = 0
    private var atEnd = false
    private var lineNumber = 0
    /// Bytes read so far, for callers that report progress.
    public private(set) var bytesConsumed = 0

    /// Reads lines of at most `limit` bytes from `source`, up to `chunkSize` bytes at a time.
    /// The buffer starts small and doubles while reads fill it: a one-line socket request
    /// should not pay for zeroing a megabyte.
    public init(source: Source, limit: Int, chunkSize: Int = 1 << 20) {
        self.source = source
        self.limit = max(1, limit)
        capacity = max(chunkSize, self.limit + 2)
        buffer = [UInt8](repeating: 0, count: min(capacity, 1 << 16))
    }

    /// The next line, or nil at the end of the input.
    public mutating func next() throws -> Line? {
        var scanned = 0
        while true {
            if let newline = findNewline(from: start + scanned) {
                return emit(upTo: newline, consumed: newline + 1 - start)
            }
            scanned = end - start
            // More than the limit without a newline, or than the limit and a "\r" that may be part of "\r\n".
            if scanned > limit + 1 || (scanned == limit + 1 && buffer[end - 1] != 0x0D) {
                return try skipOverlong()
            }
            if atEnd {
                guard end > start else { return nil }
                return emit(upTo: end, consumed: end - start)
            }
            try refill()
        }
    }

    private func findNewline(from position: Int) -> Int? {
        guard position < end else { return nil }
        return buffer.withUnsafeBytes { raw -> Int? in
            guard let found = memchr(raw.baseAddress! + position, 0x0A, end - position) else { return nil }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
        }
    }

    private mutating func emit(upTo stop: Int, consumed: Int) -> Line {
        lineNumber += 1
        var lineEnd = stop
        if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        // A line longer than the limit that happens to fit in the buffer is cut like any other.
        let line = Line(number: lineNumber, bytes: buffer[start..<min(lineEnd, start + limit)], totalLength: lineEnd - start)
        start += consumed
        bytesConsumed += consumed
        return line
    }

    /// Keeps the first `limit` bytes of an overlong line and reads past the rest.
    private mutating func skipOverlong() throws -> Line {
        lineNumber += 1
        let kept = Array(buffer[start..<(start + limit)])
        var length = 0
        var lastByte: UInt8 = 0
        while true {
            if let newline = findNewline(from: start) {
                length += newline - start
                if newline > start { lastByte = buffer[newline - 1] }
                let consumed = newline + 1 - start
                bytesConsumed += consumed
                start = newline + 1
                // The length, like every line's, leaves out the "\r" of "\r\n".
                return Line(number: lineNumber, bytes: kept[...], totalLength: lastByte == 0x0D ? length - 1 : length)
            }
            length += end - start
            if end > start { lastByte = buffer[end - 1] }
            bytesConsumed += end - start
            start = end
            if atEnd { return Line(number: lineNumber, bytes: kept[...], totalLength: lastByte == 0x0D ? length - 1 : length) }
            try refill()
        }
    }

    /// Moves unread bytes to the front and reads more behind them.
    private mutating func refill() throws {
        if start > 0 {
            let remaining = end - start
            buffer.withUnsafeMutableBytes { raw in
                raw.baseAddress!.copyMemory(from: raw.baseAddress! + start, byteCount: remaining)
            }
            end = remaining
            start = 0
        }
        if buffer.count < capacity, end == buffer.count || lastReadFilled {
            buffer.append(contentsOf: repeatElement(0, count: min(capacity, buffer.count * 2) - buffer.count))
        }
        let free = buffer.count - end
        let count = try buffer.withUnsafeMutableBytes { raw in
            try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[end...]))
        }
        if count == 0 { atEnd = true }
        lastReadFilled = count == free
        end += count
    }
}
