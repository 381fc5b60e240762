import Foundation
import Testing
@testable import WaakvlamFeeds

@Suite("ByteSource")
struct ByteSourceTests {
    func drain<S: ByteSource>(_ source: inout S, chunk: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return result }
            result += buffer[..<count]
        }
    }

    @Test("memory is handed out in pieces no larger than asked, then 0 at the end", arguments: [1, 3, 100])
    func memory(chunk: Int) throws {
        var source = MemorySource("R-1,B-1\nR-2,B-2\n")
        #expect(try drain(&source, chunk: chunk) == Array("R-1,B-1\nR-2,B-2\n".utf8))
        #expect(try drain(&source, chunk: chunk).isEmpty)
    }

    @Test("an empty memory source ends at once")
    func emptyMemory() throws {
        var source = MemorySource([])
        #expect(try drain(&source, chunk: 8).isEmpty)
    }

    @Test("a file descriptor is read to its end")
    func fileDescriptor() throws {
        // given a file of 100 000 bytes
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("waakvlam-bytesource-\(UUID().uuidString)").path
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        // when
        var source = FileDescriptorSource(descriptor: descriptor)
        // then
        #expect(try drain(&source, chunk: 4_096) == bytes)
    }

    @Test("a read error is reported with the system's words")
    func readError() {
        var source = FileDescriptorSource(descriptor: -1)
        var buffer = [UInt8](repeating: 0, count: 8)
        #expect(throws: ByteSourceError.self) { try buffer.withUnsafeMutableBytes { try source.read(into: $0) } }
        do {
            _ = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        } catch {
            #expect("\(error)" == "Bad file descriptor")
        }
    }
}
