import Foundation
import WaakvlamConfig
import WaakvlamCore
import WaakvlamService
import WaakvlamStore

/// The daemon's environment over a temporary state directory, the shipped rules and a fixed clock.
public enum TestEnvironment {
    /// 2026-11-23T12:00:00Z, the moment tests live in unless they say otherwise.
    public static let now: Int64 = 1_795_435_200

    /// An environment whose state lives in `directory`, with an in-memory database unless `onDisk`.
    public static func make(in directory: TemporaryDirectory, now: Int64 = now, onDisk: Bool = false,
                            adjust: (inout DaemonConfiguration) -> Void = { _ in }) throws -> WaakvlamEnvironment {
        var configuration = try ConfigurationLoader.load(path: Repository.configFile).get()
        configuration.daemon.paths = .all(under: directory.path)
        adjust(&configuration.daemon)
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let database = onDisk ? try AppDatabase.open(path: configuration.daemon.paths.databaseFile) : try AppDatabase.inMemory()
        return try WaakvlamEnvironment(configuration: configuration, database: database, clock: FixedClock(now))
    }
}
