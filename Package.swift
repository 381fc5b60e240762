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
    ],
    targets: [
        .executableTarget(name: "waakvlam", dependencies: ["WaakvlamStore", "WaakvlamConfig", "WaakvlamFeeds"]),
        .target(name: "WaakvlamCore"),
        .target(name: "WaakvlamConfig", dependencies: ["WaakvlamCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "WaakvlamFeeds", dependencies: ["WaakvlamCore"]),
        .target(name: "WaakvlamStore", dependencies: ["WaakvlamCore", .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
package.targets += [
    .target(name: "WaakvlamIngest", dependencies: ["WaakvlamCore", "WaakvlamFeeds", "WaakvlamStore"]),
]
