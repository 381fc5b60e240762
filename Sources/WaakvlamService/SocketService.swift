#if canImport(Glibc)
import Glibc
#endif
import Logging
import ServiceLifecycle
import WaakvlamCore
import WaakvlamSocket

/// Runs the socket server for the daemon's lifetime and removes the socket file at the end
/// (unless systemd passed the socket: then the file is systemd's and stays).
public struct SocketService: Service {
    private let server: SocketServer
    private let logger: Logger

    /// Wraps a configured, not yet started server.
    public init(server: SocketServer, logger: Logger) {
        self.server = server
        self.logger = logger
    }

    public func run() async throws {
        if server.passed != nil, server.path != server.configuredPath {
            logger.warning("socket activation: the socket systemd passed is not at the configured path; using the passed one",
                           metadata: ["passed": "\(server.path)", "configured": "\(server.configuredPath)"])
        }
        try server.start()
        logger.info("socket listening", metadata: ["path": "\(server.path)", "activation": "\(server.passed != nil)"])
        await withGracefulShutdownHandler {
            while !Task.isCancelled {
                guard (try? await cancelWhenGracefulShutdown({ try await Task.sleep(for: .seconds(3_600)) })) != nil else { break }
            }
        } onGracefulShutdown: {}
        server.stop()
    }

    /// Socket access from the configured user and group names; an unknown name is an error.
    public static func access(_ settings: SocketSettings) throws -> SocketAccess {
        func users(_ names: [String]) throws -> Set<UInt32> {
            Set(try names.map { name in
                guard let entry = getpwnam(name) else { throw SocketConfigurationError("socket: unknown user '\(name)'") }
                return entry.pointee.pw_uid
            })
        }
        func groups(_ names: [String]) throws -> Set<UInt32> {
            Set(try names.map { name in
                guard let entry = getgrnam(name) else { throw SocketConfigurationError("socket: unknown group '\(name)'") }
                return entry.pointee.gr_gid
            })
        }
        return SocketAccess(readUsers: try users(settings.readUsers), readGroups: try groups(settings.readGroups),
                            writeUsers: try users(settings.writeUsers), writeGroups: try groups(settings.writeGroups))
    }
}

/// The socket section names a user or group this machine does not have.
public struct SocketConfigurationError: Error, CustomStringConvertible {
    /// What is wrong.
    public var description: String
    init(_ description: String) { self.description = description }
}
