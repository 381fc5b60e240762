#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing
@testable import WaakvlamSocket

@Suite("Socket server: access and the socket file", .serialized)
struct SocketAccessTests {
    @Test("Given access for nobody and no trusted users, when a client connects, then it gets one error line and is disconnected")
    func refusedAtConnect() throws {
        let (server, directory) = try startServer(access: SocketAccess(trustedUsers: []))
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        let line = try #require(try client.readLine())
        let response = try JSONValue(parsing: line)
        #expect(response["ok"] == false)
        #expect(response["error"]?.stringValue?.contains("permission denied") == true)
        #expect(try client.readLine() == nil)
        #expect(waitUntil { server.clientCount == 0 })
    }

    @Test("Given a read-only peer, when it asks ack or ingest, then it gets an error and stays connected; reading works")
    func readOnlyPeer() throws {
        let (server, directory) = try startServer(access: SocketAccess(readUsers: [UInt32(geteuid())], trustedUsers: []))
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        let ack = try client.request("{\"op\":\"ack\",\"id\":1,\"notice\":4}")
        #expect(ack["ok"] == false)
        #expect(ack["error"]?.stringValue?.contains("ack needs write access") == true)
        #expect(try client.request("{\"op\":\"ingest\",\"id\":2}")["ok"] == false)
        #expect(try client.request("{\"op\":\"status\",\"id\":3}")["ok"] == true)
        #expect(try client.request("{\"op\":\"subscribe\",\"after\":0,\"id\":4}")["ok"] == true)
    }

    @Test("Given a write-only peer by group, when it asks status, then it is refused, while ingest works")
    func writeOnlyPeer() throws {
        let (server, directory) = try startServer(access: SocketAccess(writeGroups: [UInt32(getegid())], trustedUsers: []))
        defer { server.stop(); directory.remove() }
        let client = try TestClient(path: directory.socketPath)
        #expect(try client.request("{\"op\":\"status\",\"id\":1}")["ok"] == false)
        #expect(try client.request("{\"op\":\"ingest\",\"id\":2,\"data\":\"abc\"}")["bytes"] == 3)
    }

    @Test("Given access lists, then read and write are decided by user, any of the peer's groups, or trust")
    func accessDecisions() {
        let access = SocketAccess(readUsers: [1001], readGroups: [50], writeUsers: [1002], writeGroups: [60], trustedUsers: [0])
        let reader = PeerCredentials(pid: 1, uid: 1001, gid: 1001)
        let groupReader = PeerCredentials(pid: 1, uid: 1003, gid: 1003, groups: [1003, 50])
        let writer = PeerCredentials(pid: 1, uid: 1002, gid: 60)
        let stranger = PeerCredentials(pid: 1, uid: 1004, gid: 1004)
        let root = PeerCredentials(pid: 1, uid: 0, gid: 0)
        #expect(access.allows(.status, peer: reader) && !access.allows(.ack, peer: reader))
        #expect(access.allows(.explain, peer: groupReader) && !access.allows(.ingest, peer: groupReader))
        #expect(access.allows(.ingest, peer: writer) && !access.allows(.subscribe, peer: writer))
        #expect(!access.allowsConnection(stranger))
        #expect(SocketOperation.allCases.allSatisfy { access.allows($0, peer: root) })
        #expect(SocketAccess().trustedUsers == [0, UInt32(geteuid())])
    }

    @Test("Given the server started, then the socket file has no world bits, and stop removes it")
    func socketFileMode() throws {
        let (server, directory) = try startServer(mode: 0o666)
        defer { directory.remove() }
        var info = stat()
        #expect(lstat(directory.socketPath, &info) == 0)
        #expect(UInt32(info.st_mode) & 0o170000 == 0o140000)
        #expect(UInt32(info.st_mode) & 0o777 == 0o660)
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: directory.socketPath))
        #expect(server.clientCount == 0)
        server.publish(id: 1, line: "{}")  // after stop: ignored
        #expect(throws: SocketServerError.alreadyStarted) { try server.start() }

        let (strict, other) = try startServer(mode: 0o600)
        defer { strict.stop(); other.remove() }
        #expect(lstat(other.socketPath, &info) == 0)
        #expect(UInt32(info.st_mode) & 0o777 == 0o600)
    }

    @Test("Given a stale socket file at the path, when the server starts, then it replaces it")
    func staleSocketReplaced() throws {
        let directory = TempDirectory()
        defer { directory.remove() }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let address = try Posix.address(directory.socketPath)
        #expect(Posix.bind(fd, address) == 0)
        close(fd)
        #expect(FileManager.default.fileExists(atPath: directory.socketPath))
        let server = SocketServer(path: directory.socketPath, access: SocketAccess(), handler: StubHandler())
        try server.start()
        defer { server.stop() }
        let client = try TestClient(path: directory.socketPath)
        #expect(try client.request("{\"op\":\"status\"}")["ok"] == true)
    }

    @Test("Given a live server at the path, when a second one starts there, then it is refused and the first keeps working")
    func liveSocketKept() throws {
        let (server, directory) = try startServer()
        defer { server.stop(); directory.remove() }
        let second = SocketServer(path: directory.socketPath, access: SocketAccess(), handler: StubHandler())
        #expect(throws: SocketServerError.inUse(path: directory.socketPath)) { try second.start() }
        let client = try TestClient(path: directory.socketPath)
        #expect(try client.request("{\"op\":\"status\"}")["ok"] == true)
    }

    @Test("Given a regular file at the path, when the server starts, then it refuses with a clear error and leaves the file alone")
    func regularFileRefused() throws {
        let directory = TempDirectory()
        defer { directory.remove() }
        try "precious".write(toFile: directory.socketPath, atomically: false, encoding: .utf8)
        let server = SocketServer(path: directory.socketPath, access: SocketAccess(), handler: StubHandler())
        let error = #expect(throws: SocketServerError.self) { try server.start() }
        #expect(error == .notASocket(path: directory.socketPath))
        #expect(error?.description == "\(directory.socketPath) exists and is not a socket; refusing to remove it")
        #expect(try String(contentsOfFile: directory.socketPath, encoding: .utf8) == "precious")
    }
}
