#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import WaakvlamSocket

/// The socket file removed or replaced while the server runs.
@Suite("Socket server: its socket file", .serialized)
struct SocketFileTests {
    func connects(_ path: String) -> Bool {
        guard let client = try? TestClient(path: path) else { return false }
        return (try? client.request(#"{"op":"status"}"#)["ok"]) == true
    }

    func fileMode(_ path: String) -> UInt32? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return UInt32(info.st_mode)
    }

    @Test("Given a running server, when its socket file is removed, then it is bound again with the same mode, the log says so once, an earlier client is still answered, and stop removes the new file")
    func removedFileIsBoundAgain() throws {
        let log = CapturedLog()
        let (server, directory) = try startServer(fileCheckInterval: 0.1, mode: 0o660, log: log)
        defer { server.stop(); directory.remove() }
        let earlier = try TestClient(path: directory.socketPath)
        #expect(unlink(directory.socketPath) == 0)
        #expect(waitUntil { connects(directory.socketPath) }, "\(log.all)")
        #expect(fileMode(directory.socketPath).map { $0 & 0o170777 } == 0o140660, "a socket, mode 0660")
        usleep(500_000)
        #expect(log.lines(containing: "socket file \(directory.socketPath) was removed; listening again").count == 1, "\(log.all)")
        let answer = Result { try earlier.request(#"{"op":"status","id":1}"#) }
        #expect((try? answer.get())?["id"] == 1, "\(answer) \(log.all)")
        server.stop()
        #expect(fileMode(directory.socketPath) == nil, "the file made again is the server's, removed at stop")
    }

    @Test("Given the socket file replaced by a regular file, then the file is left alone and named once, and once it is removed the server listens again")
    func foreignFileIsLeftAlone() throws {
        let log = CapturedLog()
        let (server, directory) = try startServer(fileCheckInterval: 0.1, log: log)
        defer { server.stop(); directory.remove() }
        let other = directory.path + "/other"
        #expect(FileManager.default.createFile(atPath: other, contents: Data("keep me\n".utf8)))
        // rename(2) replaces the socket in one step, so the server never sees the path empty.
        #expect(rename(other, directory.socketPath) == 0)
        #expect(waitUntil { !log.lines(containing: "cannot be bound again").isEmpty }, "\(log.all)")
        usleep(500_000)
        #expect(log.lines(containing: "cannot be bound again").count == 1, "once: \(log.all)")
        #expect(log.lines(containing: "is not a socket").count == 1, "\(log.all)")
        #expect(try String(contentsOfFile: directory.socketPath, encoding: .utf8) == "keep me\n")
        #expect(unlink(directory.socketPath) == 0)
        #expect(waitUntil { connects(directory.socketPath) }, "\(log.all)")
        #expect(log.lines(containing: "was removed; listening again").count == 1)
    }

    @Test("Given the socket file replaced by a stale socket, then the stale one is replaced and the server listens again")
    func staleSocketIsReplaced() throws {
        let log = CapturedLog()
        let (server, directory) = try startServer(fileCheckInterval: 0.1, log: log)
        defer { server.stop(); directory.remove() }
        let stalePath = directory.path + "/stale.sock"
        let stale = try Posix.listeningSocket(path: stalePath, mode: 0o600, group: nil, backlog: 1)
        close(stale.fd)
        #expect(rename(stalePath, directory.socketPath) == 0)
        #expect(waitUntil { !log.lines(containing: "was replaced by a stale socket; listening again").isEmpty }, "\(log.all)")
        #expect(connects(directory.socketPath))
        #expect(fileMode(directory.socketPath).map { $0 & 0o777 } == 0o660)
    }

    @Test("Given a socket passed by systemd, when its file is removed, then the server says once that it is systemd's to make again and makes no file of its own")
    func passedSocketFileIsSystemds() throws {
        let directory = TempDirectory()
        defer { directory.remove() }
        let made = try Posix.listeningSocket(path: directory.socketPath, mode: 0o660, group: nil, backlog: 16)
        let log = CapturedLog()
        let server = SocketServer(path: directory.socketPath, access: SocketAccess(), handler: StubHandler(), fileCheckInterval: 0.1,
                                  passed: PassedSocket(fd: made.fd, path: directory.socketPath), logger: { log.append($0) })
        try server.start()
        defer { server.stop() }
        #expect(connects(directory.socketPath))
        #expect(unlink(directory.socketPath) == 0)
        #expect(waitUntil { !log.lines(containing: "from systemd was removed or replaced").isEmpty }, "\(log.all)")
        usleep(500_000)
        #expect(log.lines(containing: "from systemd was removed or replaced").count == 1, "once: \(log.all)")
        #expect(fileMode(directory.socketPath) == nil, "the server does not make systemd's file")
    }
}
