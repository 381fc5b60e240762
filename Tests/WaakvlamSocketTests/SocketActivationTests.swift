#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import WaakvlamSocket

/// Checking a descriptor passed by socket activation, and the environment it comes with.
@Suite(.serialized) struct SocketActivationTests {
    func unixSocket(_ type: Int32) -> Int32 { socket(AF_UNIX, type | Int32(SOCK_CLOEXEC.rawValue), 0) }

    func bound(_ fd: Int32, _ path: String) -> Bool {
        guard let address = try? Posix.address(path) else { return false }
        return Posix.bind(fd, address) == 0
    }

    @Test func givenAListeningUnixStreamSocket_thenItIsTakenWithItsPath() throws {
        let directory = TempDirectory()
        defer { directory.remove() }
        let fd = unixSocket(Int32(SOCK_STREAM.rawValue))
        defer { close(fd) }
        #expect(bound(fd, directory.socketPath))
        #expect(listen(fd, 8) == 0)
        let passed = try SocketActivation.inspect(fd)
        #expect(passed == PassedSocket(fd: fd, path: directory.socketPath))
    }

    @Test func givenDescriptorsThatAreNoListeningUnixStreamSocket_thenTheyAreRefused() throws {
        let directory = TempDirectory()
        defer { directory.remove() }
        let notListening = unixSocket(Int32(SOCK_STREAM.rawValue))
        defer { close(notListening) }
        #expect(bound(notListening, directory.socketPath))
        #expect(throws: SocketServerError.self) { try SocketActivation.inspect(notListening) }

        let datagram = unixSocket(Int32(SOCK_DGRAM.rawValue))
        defer { close(datagram) }
        #expect(throws: SocketServerError.self) { try SocketActivation.inspect(datagram) }

        let inet = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(inet) }
        #expect(throws: SocketServerError.self) { try SocketActivation.inspect(inet) }

        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        #expect(throws: SocketServerError.self) { try SocketActivation.inspect(ends[0]) }
    }

    @Test func givenListenVariablesForAnotherProcess_thenNothingIsTaken_andTheVariablesAreRemoved() throws {
        setenv("LISTEN_PID", "\(getpid() + 1)", 1)
        setenv("LISTEN_FDS", "1", 1)
        setenv("LISTEN_FDNAMES", "waakvlam.socket", 1)
        var messages: [String] = []
        #expect(try SocketActivation.takeListener(log: { messages.append($0) }) == nil)
        #expect(getenv("LISTEN_PID") == nil)
        #expect(getenv("LISTEN_FDS") == nil)
        #expect(getenv("LISTEN_FDNAMES") == nil)
        #expect(messages.count == 1)
        #expect(try SocketActivation.takeListener() == nil, "without the variables: not activated")
    }
}
