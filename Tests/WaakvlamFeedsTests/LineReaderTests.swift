import Testing
@testable import WaakvlamFeeds

/// Hands out at most `step` bytes per read, so lines straddle every possible read boundary.
struct TrickleSource: ByteSource {
    var inner: MemorySource
    let step: Int
    /// The largest buffer the reader ever offered: it must not grow with the input.
    private(set) var largestRequest = 0

    init(_ bytes: [UInt8], step: Int) {
        inner = MemorySource(bytes)
        self.step = step
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        largestRequest = max(largestRequest, buffer.count)
        return try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(step)))
    }
}

/// Produces `count` bytes of `byte` followed by `tail` without ever holding them all.
///
/// A class, so the test can see how large a buffer the reader offered after the reader took its copy.
// Used from one thread only; a class so the test can read `largestRequest` after the reader has consumed it.
final class GeneratedSource: ByteSource, @unchecked Sendable {
    let byte: UInt8
    var remaining: Int
    var tail: MemorySource
    /// The largest buffer the reader ever offered: it must not grow with the line.
    private(set) var largestRequest = 0

    init(repeating byte: UInt8, count: Int, then tail: String) {
        self.byte = byte
        remaining = count
        self.tail = MemorySource(tail)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        largestRequest = max(largestRequest, buffer.count)
        guard remaining > 0 else { return try tail.read(into: buffer) }
        let count = min(remaining, buffer.count)
        buffer.baseAddress!.initializeMemory(as: UInt8.self, repeating: byte, count: count)
        remaining -= count
        return count
    }
}

@Suite("LineReader")
struct LineReaderTests {
    struct Read: Equatable, CustomStringConvertible {
        var number: Int
        var text: String
        var totalLength: Int
        var description: String { "\(number):\(text.debugDescription)/\(totalLength)" }
    }

    static func readAll<S: ByteSource>(_ reader: inout LineReader<S>) throws -> [Read] {
        var lines: [Read] = []
        while let line = try reader.next() {
            lines.append(Read(number: line.number, text: String(decoding: line.bytes, as: UTF8.self), totalLength: line.totalLength))
        }
        return lines
    }

    static func lines(_ text: String, limit: Int = 100, chunkSize: Int = 1 << 20) throws -> [Read] {
        var reader = LineReader(source: MemorySource(text), limit: limit, chunkSize: chunkSize)
        return try readAll(&reader)
    }

    @Test("lines are split on newlines and numbered from 1")
    func splitsLines() throws {
        #expect(try Self.lines("a\nbb\nccc\n") == [Read(number: 1, text: "a", totalLength: 1), Read(number: 2, text: "bb", totalLength: 2), Read(number: 3, text: "ccc", totalLength: 3)])
    }

    @Test("the last line needs no newline")
    func lastLineWithoutNewline() throws {
        #expect(try Self.lines("a\nlast").map(\.text) == ["a", "last"])
        #expect(try Self.lines("only").map(\.text) == ["only"])
    }

    @Test("empty input has no lines; a lone newline is one empty line")
    func emptyInput() throws {
        #expect(try Self.lines("").isEmpty)
        #expect(try Self.lines("\n") == [Read(number: 1, text: "", totalLength: 0)])
        #expect(try Self.lines("\n\n").map(\.number) == [1, 2])
    }

    @Test("empty lines in between keep their numbers")
    func emptyLinesCount() throws {
        #expect(try Self.lines("a\n\n\nb\n") == [
            Read(number: 1, text: "a", totalLength: 1), Read(number: 2, text: "", totalLength: 0),
            Read(number: 3, text: "", totalLength: 0), Read(number: 4, text: "b", totalLength: 1),
        ])
    }

    @Test("CRLF line ends lose their CR; a CR elsewhere is kept")
    func crlf() throws {
        #expect(try Self.lines("a\r\nb\r\n").map(\.text) == ["a", "b"])
        #expect(try Self.lines("a\rb\n").map(\.text) == ["a\rb"])
        #expect(try Self.lines("\r\n").map(\.text) == [""])
        #expect(try Self.lines("last\r").map(\.text) == ["last"])
        #expect(try Self.lines("a\r\r\n").map(\.text) == ["a\r"])
    }

    @Test("a line of exactly the limit is whole; one byte more is cut to the limit", arguments: [1, 2, 3, 7, 64])
    func limit(chunkSize: Int) throws {
        let lines = try Self.lines("12345\n123456\nok\n", limit: 5, chunkSize: chunkSize)
        #expect(lines == [
            Read(number: 1, text: "12345", totalLength: 5), Read(number: 2, text: "12345", totalLength: 6), Read(number: 3, text: "ok", totalLength: 2),
        ])
    }

    @Test("a CRLF line of exactly the limit is whole, wherever the reads end", arguments: 1...9)
    func crlfLineAtLimit(step: Int) throws {
        var reader = LineReader(source: TrickleSource(Array("12345\r\n123456\r\nok\r\n".utf8), step: step), limit: 5, chunkSize: 1)
        #expect(try Self.readAll(&reader) == [
            Read(number: 1, text: "12345", totalLength: 5), Read(number: 2, text: "12345", totalLength: 6), Read(number: 3, text: "ok", totalLength: 2),
        ])
    }

    @Test("an overlong last line without newline is cut and measured")
    func overlongLastLine() throws {
        #expect(try Self.lines("ok\n1234567890", limit: 4) == [Read(number: 1, text: "ok", totalLength: 2), Read(number: 2, text: "1234", totalLength: 10)])
    }

    @Test("a 10 MB line keeps only the limit in memory and the next lines follow with the right numbers")
    func tenMegabyteLine() throws {
        // given a source that generates the line instead of holding it
        let size = 10 * 1_024 * 1_024
        let source = GeneratedSource(repeating: UInt8(ascii: "x"), count: size, then: "\r\nnext\nlast")
        var reader = LineReader(source: source, limit: 65_536, chunkSize: 65_536)
        // when
        let long = try #require(try reader.next())
        let next = try #require(try reader.next())
        let last = try #require(try reader.next())
        // then
        #expect(long.number == 1)
        #expect(long.isOverlong)
        #expect(long.bytes.count == 65_536)
        #expect(long.totalLength == size)
        #expect(next.number == 2)
        #expect(String(decoding: next.bytes, as: UTF8.self) == "next")
        #expect(last.number == 3)
        #expect(try reader.next() == nil)
        #expect(reader.bytesConsumed == size + 2 + 5 + 4)
        // and memory stayed bounded: the reader's buffer never grew towards the line's size
        #expect(source.largestRequest <= 2 * 65_536)
    }

    @Test("bytes consumed add up to the input", arguments: ["", "a", "a\n", "a\r\nbb\r\n", "x\n\n\ny"])
    func bytesConsumed(text: String) throws {
        var reader = LineReader(source: MemorySource(text), limit: 10)
        while try reader.next() != nil {}
        #expect(reader.bytesConsumed == text.utf8.count)
    }

    /// What a correct splitter returns: lines without `\n` or a final `\r`, cut to `limit` bytes.
    static func reference(_ bytes: [UInt8], limit: Int) -> [Read] {
        var pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if bytes.last == 0x0A || bytes.isEmpty { pieces.removeLast() }
        return pieces.enumerated().map { index, piece in
            var content = piece
            if content.last == 0x0D { content.removeLast() }
            return Read(number: index + 1, text: String(decoding: content.prefix(limit), as: UTF8.self), totalLength: content.count)
        }
    }

    @Test("random input gives the same lines for every read size and chunk size", arguments: [1, 2, 3, 5, 8, 13])
    func randomInput(step: Int) throws {
        var random = SplitMix(seed: UInt64(step))
        for round in 0..<200 {
            // given lines around the limit, with LF or CRLF, some with stray CRs
            let limit = 1 + Int(random.next() % 12)
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 8) {
                let length = Int(random.next() % UInt64(limit * 2 + 2))
                bytes += (0..<length).map { _ in random.next() % 9 == 0 ? 0x0D : UInt8(97 + random.next() % 26) }
                bytes += random.next() % 2 == 0 ? [0x0D, 0x0A] : [0x0A]
            }
            if random.next() % 2 == 0, !bytes.isEmpty { bytes.removeLast() }
            let chunkSize = 1 + Int(random.next() % 20)
            // when
            var reader = LineReader(source: TrickleSource(bytes, step: step), limit: limit, chunkSize: chunkSize)
            let lines = try Self.readAll(&reader)
            // then
            let expected = Self.reference(bytes, limit: limit)
            #expect(lines == expected, "round \(round): limit \(limit), chunk \(chunkSize), input \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            #expect(reader.bytesConsumed == bytes.count)
            if lines != expected { return }
        }
    }
}

/// A small deterministic random number generator, so failures can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
