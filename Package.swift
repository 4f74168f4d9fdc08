// swift-tools-version:6.2
import Foundation
import PackageDescription

// CI builds with M365SYNC_WERROR=1 so that any warning fails the build.
var swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]
if ProcessInfo.processInfo.environment["M365SYNC_WERROR"] == "1" {
    swiftSettings.append(.treatAllWarnings(as: .error))
}

// The m365sync release binary is linked by lld with packed relative relocations (DT_RELR, glibc 2.36) and no
// exported symbols: at start the loader reads about 40 KiB of relocations and symbols instead of 4.5 MiB, and the
// daemon stays resident in 4.5 MiB less. lld also places the functions that run (packaging/m365sync.order, written
// by `make order-file`) side by side at the start of the code, where the release builds of the Makefile compile each
// function into a section of its own: the idle daemon's resident code falls from 11 MiB to about 6 (the kernel
// maps 64 KiB around every page that runs). docs/operations.md, "Memory".
let orderFile = Context.packageDirectory + "/packaging/m365sync.order"
let releaseLinkerSettings: [LinkerSetting] = [
    .unsafeFlags(
        [
            "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic",
            "-Xlinker", "--symbol-ordering-file=\(orderFile)", "-Xlinker", "--no-warn-symbol-ordering",
        ],
        .when(platforms: [.linux], configuration: .release)
    )
]

let package = Package(
    name: "m365sync",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "m365sync", targets: ["m365sync"]),
        .executable(name: "m365sim", targets: ["m365sim"]),
        .executable(name: "m365bench", targets: ["m365bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: [
        // C libraries, each behind one door.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        // glibc's malloc_trim (not in the Glibc module): memory goes back after each mailbox and after a run.
        .systemLibrary(name: "CMalloc"),
        .target(
            name: "M365Curl",
            dependencies: ["CCurl", .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: swiftSettings
        ),
        .target(name: "M365Systemd", dependencies: ["CSystemd"], swiftSettings: swiftSettings),

        // POSIX file calls (locks, fsync, rename, permissions) on swift-system's FileDescriptor and FilePath,
        // with one place where a C result and errno become a thrown Errno.
        .target(
            name: "M365Files",
            dependencies: [.product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: swiftSettings
        ),

        // Small shared values used on both sides of the wire: JSON values, base64url, a seeded generator,
        // timestamps, signal traps, the service-specific HTTP field names. Depends on nothing but the standard
        // library, Foundation, Dispatch and swift-http-types (which has no dependencies of its own).
        .target(
            name: "M365Primitives",
            dependencies: [.product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: swiftSettings
        ),

        // Pure core: configuration model, scheduling, mapping, planning. No I/O.
        .target(name: "M365Core", dependencies: ["M365Primitives"], swiftSettings: swiftSettings),

        // Clients of Microsoft 365 services.
        .target(
            name: "M365Client",
            dependencies: [
                "M365Primitives", "M365Core", "M365Curl",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),

        // Persistent state (SQLite through GRDB).
        .target(
            name: "M365State",
            dependencies: [
                "M365Files", .product(name: "SystemPackage", package: "swift-system"),
                "M365Primitives", "M365Core", "M365Logging",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // swift-log backends: journald, rotating file, stderr.
        .target(
            name: "M365Logging",
            dependencies: [
                "M365Files", .product(name: "SystemPackage", package: "swift-system"),
                "M365Primitives", "M365Core", "M365Systemd",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Prometheus metrics in node_exporter's textfile format (no HTTP server).
        .target(
            name: "M365Metrics",
            dependencies: [
                "M365Files", .product(name: "SystemPackage", package: "swift-system"),
                "M365Core", "M365State",
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),

        // The sync jobs: read, plan, apply.
        .target(
            name: "M365Jobs",
            dependencies: [
                "M365Primitives", "M365Core", "M365Client", "M365State", "M365Logging", "M365Curl", "CMalloc",
                .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // The daemon runtime: Dispatch bridge, scheduler driver, signals, sd_notify.
        .target(
            name: "M365Daemon",
            dependencies: [
                "M365Files", .product(name: "SystemPackage", package: "swift-system"),
                "M365Primitives", "M365Core", "M365Jobs", "M365Client", "M365Curl", "M365State", "M365Logging",
                "M365Systemd",
                "M365Metrics",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // The command line, as a library so that parsing is testable apart from the binary.
        .target(
            name: "M365SyncCLI",
            dependencies: [
                "M365Primitives", "M365Core", "M365Jobs", "M365Daemon", "M365State", "M365Logging",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"), "M365Curl",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "m365sync",
            dependencies: ["M365SyncCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings,
            linkerSettings: releaseLinkerSettings
        ),

        // The simulated Microsoft 365 tenant (tests, demo, benchmarks). Not linked into m365sync.
        .target(
            name: "M365Simulator",
            dependencies: [
                "M365Primitives", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "m365sim",
            dependencies: [
                "M365Primitives", "M365Simulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "m365bench",
            dependencies: [
                "M365Simulator", "M365Jobs", "M365Client", "M365Core", "M365Curl", "M365TestSupport", "M365Daemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"), "M365Primitives", "M365State",
            ],
            swiftSettings: swiftSettings
        ),

        // Helpers shared by the test suites.
        .target(
            name: "M365TestSupport",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                "M365Primitives", "M365Simulator", "M365Core", "M365Daemon", "M365Jobs", "M365Client", "M365Curl",
                "M365State",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "M365FilesTests",
            dependencies: ["M365Files", .product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "M365PrimitivesTests", dependencies: ["M365Primitives"], swiftSettings: swiftSettings),
        .testTarget(name: "M365CoreTests", dependencies: ["M365Core", "M365Primitives"], swiftSettings: swiftSettings),
        .testTarget(
            name: "M365MetricsTests",
            dependencies: [
                "M365Metrics", "M365State", "M365TestSupport", "M365Core",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "M365CurlTests",
            dependencies: ["M365Curl", "M365TestSupport", .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "M365ClientTests",
            dependencies: [
                "M365Primitives", "M365Client", "M365TestSupport", "M365Simulator", "M365Core", "M365Curl",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "M365SimulatorTests",
            dependencies: [
                "M365Curl", .product(name: "HTTPTypes", package: "swift-http-types"), "M365Primitives", "M365Simulator",
                "M365TestSupport",
            ],
            resources: [],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "M365SystemdTests",
            dependencies: ["M365Systemd", "M365Logging", "M365TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "M365StateTests",
            dependencies: [
                "M365State", "M365Logging", "M365TestSupport",
                .product(name: "InMemoryLogging", package: "swift-log"), "M365Core",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "M365LoggingTests",
            dependencies: [
                "M365Logging", "M365Systemd", "M365TestSupport", "M365Core", "M365Primitives",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "M365DaemonTests",
            dependencies: ["M365Daemon", "M365State", "M365Simulator", "M365Systemd", "M365TestSupport", "M365Core"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "M365JobsTests",
            dependencies: [
                "M365Jobs", "M365TestSupport", "M365Simulator", "M365Client", "M365Core", "M365Curl", "M365Daemon",
                "M365Logging", "M365State", .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "M365SyncCLITests",
            dependencies: [
                "M365SyncCLI", "M365TestSupport", "M365Core", "M365Daemon", "M365State",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
