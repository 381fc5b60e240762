// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "waakvlam",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "waakvlam", targets: ["waakvlam"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // The pure core: domain types, time, feed validation. No I/O.
        .target(name: "WaakvlamCore"),
        // The stoplight rule engine: the condition language, scoring, levels with hysteresis,
        // aftercare and buildings. Pure: time and data come in as arguments.
        .target(name: "WaakvlamRules", dependencies: ["WaakvlamCore"]),
        // waakvlam.yaml and rules.yaml, with file:line:col diagnostics.
        .target(name: "WaakvlamConfig", dependencies: ["WaakvlamCore", "WaakvlamRules", .product(name: "Yams", package: "Yams")]),
        // CSV and JSON Lines readers in bounded memory.
        .target(name: "WaakvlamFeeds", dependencies: ["WaakvlamCore"]),
        // The SQLite database (GRDB on the system libsqlite3).
        .target(name: "WaakvlamStore", dependencies: [
            "WaakvlamCore", "WaakvlamRules", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // The one ingest path for command line, spool and socket.
        .target(name: "WaakvlamIngest", dependencies: ["WaakvlamCore", "WaakvlamFeeds", "WaakvlamStore"]),
        // Seeded synthetic feeds for demos, tests and benchmarks.
        .target(name: "WaakvlamSimulation", dependencies: ["WaakvlamCore"]),
        // The daily digest per team, as text and as HTML.
        .target(name: "WaakvlamDigest", dependencies: ["WaakvlamCore", "WaakvlamRules", "WaakvlamStore", .product(name: "GRDB", package: "GRDB.swift")]),
        // The Unix socket: newline-delimited JSON, peer-credential access, bounded buffers.
        .target(name: "WaakvlamSocket", dependencies: ["WaakvlamCore"]),
        // The long-running daemon: services, systemd notify, logging, and the builder that composes them.
        .target(name: "WaakvlamService", dependencies: [
            "WaakvlamCore", "WaakvlamRules", "WaakvlamConfig", "WaakvlamStore", "WaakvlamIngest", "WaakvlamDigest", "WaakvlamSocket",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        ]),
        // The command line.
        .target(name: "WaakvlamCLI", dependencies: [
            "WaakvlamCore", "WaakvlamRules", "WaakvlamConfig", "WaakvlamFeeds", "WaakvlamStore", "WaakvlamIngest", "WaakvlamService", "WaakvlamSimulation", "WaakvlamDigest", "WaakvlamSocket",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "waakvlam", dependencies: ["WaakvlamCLI"]),
        // Benchmarks of the stoplight engine on simulated data: `swift run -c release waakvlam-bench levels`.
        // Fuzz targets and a seeded mutator: run by the tests, and by libFuzzer through waakvlam-fuzz (README, "Fuzzing").
        .target(name: "WaakvlamFuzzing", dependencies: ["WaakvlamCore", "WaakvlamFeeds", "WaakvlamRules", "WaakvlamSocket", "WaakvlamStore", "WaakvlamIngest"]),
        .executableTarget(name: "waakvlam-fuzz", dependencies: ["WaakvlamFuzzing"]),
        .executableTarget(name: "waakvlam-bench", dependencies: ["WaakvlamCore", "WaakvlamRules", "WaakvlamConfig", "WaakvlamStore", "WaakvlamService", "WaakvlamSimulation", "WaakvlamFeeds", "WaakvlamIngest", "WaakvlamSocket"]),
        // Helpers for tests: temporary state directories, the real binary as a process, a notify listener.
        .target(name: "WaakvlamTesting", dependencies: ["WaakvlamCore", "WaakvlamConfig", "WaakvlamStore", "WaakvlamService", "WaakvlamSocket", .product(name: "GRDB", package: "GRDB.swift")], path: "Tests/WaakvlamTesting"),
        .testTarget(name: "WaakvlamCoreTests", dependencies: ["WaakvlamCore"]),
        .testTarget(name: "WaakvlamRulesTests", dependencies: ["WaakvlamRules", "WaakvlamFuzzing"], resources: [.copy("FuzzCorpus")]),
        .testTarget(name: "WaakvlamConfigTests", dependencies: ["WaakvlamConfig", "WaakvlamTesting"]),
        .testTarget(name: "WaakvlamFeedsTests", dependencies: ["WaakvlamFeeds", "WaakvlamFuzzing"], resources: [.copy("Fixtures"), .copy("FuzzCorpus")]),
        .testTarget(name: "WaakvlamStoreTests", dependencies: ["WaakvlamStore", "WaakvlamTesting", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "WaakvlamIngestTests", dependencies: ["WaakvlamIngest", "WaakvlamService", "WaakvlamStore", "WaakvlamTesting"]),
        .testTarget(name: "WaakvlamSimulationTests", dependencies: ["WaakvlamSimulation"]),
        .testTarget(name: "WaakvlamServiceTests", dependencies: ["WaakvlamService", "WaakvlamSocket", "WaakvlamRules", "WaakvlamStore", "WaakvlamIngest", "WaakvlamFeeds", "WaakvlamTesting", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "WaakvlamDigestTests", dependencies: ["WaakvlamDigest", "WaakvlamTesting"]),
        .testTarget(name: "WaakvlamSocketTests", dependencies: ["WaakvlamSocket", "WaakvlamFuzzing"], resources: [.copy("FuzzCorpus")]),
        .testTarget(name: "WaakvlamCLITests", dependencies: ["WaakvlamCLI", "WaakvlamSocket", "WaakvlamStore", "WaakvlamTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
