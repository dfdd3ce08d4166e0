// swift-tools-version: 6.1
// EGovKit — an embeddable Swift SDK for e-government services.
//
// Targets are listed by layer, lowest first; a target depends only on targets above it in this file.
// Documentation/Architecture.md draws the same graph, and ArchitectureTests fails when the two differ.
//
//   system libraries   COpenSSL, CZlib
//   foundation         EGovCore → EGovCrypto
//   domain             EGovIdentity, EGovSignature, EGovCertificates, EGovNotifications, EGovCatalogue, EGovInterop
//   stores, transports EGovSQLite, EGovPostgres (postgres-nio), EGovHTTPClient (AsyncHTTPClient),
//                      EGovHummingbird (Hummingbird 2)
//   top                EGovTesting, EGovKit (umbrella), egov (CLI), Examples

import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "EGovKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "EGovCore", targets: ["EGovCore"]),
        .library(name: "EGovCrypto", targets: ["EGovCrypto"]),
        .library(name: "EGovIdentity", targets: ["EGovIdentity"]),
        .library(name: "EGovSignature", targets: ["EGovSignature"]),
        .library(name: "EGovCertificates", targets: ["EGovCertificates"]),
        .library(name: "EGovNotifications", targets: ["EGovNotifications"]),
        .library(name: "EGovCatalogue", targets: ["EGovCatalogue"]),
        .library(name: "EGovInterop", targets: ["EGovInterop"]),
        .library(name: "EGovSQLite", targets: ["EGovSQLite"]),
        .library(name: "EGovPostgres", targets: ["EGovPostgres"]),
        .library(name: "EGovHTTPClient", targets: ["EGovHTTPClient"]),
        .library(name: "EGovHummingbird", targets: ["EGovHummingbird"]),
        .library(name: "EGovTesting", targets: ["EGovTesting"]),
        .library(name: "EGovKit", targets: ["EGovKit"]),
        .executable(name: "egov", targets: ["egov"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // `swift package generate-documentation`: the DocC catalogs of the library targets.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),

        // Foundation layer.
        .target(name: "EGovCore", swiftSettings: strictSettings),
        .target(name: "EGovCrypto", dependencies: ["EGovCore", "COpenSSL"], swiftSettings: strictSettings),

        // Domain modules: no SwiftNIO, no HTTP client, no database driver.
        .target(name: "EGovIdentity", dependencies: ["EGovCore", "EGovCrypto"], swiftSettings: strictSettings),
        .target(name: "EGovSignature", dependencies: ["EGovCore", "EGovCrypto", "EGovIdentity"], swiftSettings: strictSettings),
        .target(
            name: "EGovCertificates",
            dependencies: ["EGovCore", "EGovCrypto", "EGovIdentity", "CZlib"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EGovNotifications",
            dependencies: ["EGovCore", "EGovCrypto", .product(name: "Metrics", package: "swift-metrics")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EGovCatalogue",
            dependencies: ["EGovCore"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EGovInterop",
            dependencies: [
                "EGovCore", "EGovCrypto", "EGovIdentity", "EGovSignature",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // Stores and transports: each heavy dependency in a target of its own.
        .target(
            name: "EGovSQLite",
            dependencies: [
                "EGovCore", "EGovIdentity", "EGovNotifications", "EGovCertificates", "EGovCatalogue",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EGovPostgres",
            dependencies: [
                "EGovCore", "EGovIdentity", "EGovNotifications", "EGovCertificates", "EGovCatalogue",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EGovHTTPClient",
            dependencies: [
                "EGovInterop",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EGovHummingbird",
            dependencies: [
                "EGovCore", "EGovCrypto", "EGovInterop", "EGovNotifications", "EGovCertificates",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // Top: test support, the umbrella, the CLI, the examples.
        .target(
            name: "EGovTesting",
            dependencies: [
                "EGovCore", "EGovCrypto", "EGovIdentity", "EGovSignature", "EGovNotifications", "EGovCertificates",
                "EGovCatalogue", "EGovInterop",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EGovKit",
            dependencies: [
                "EGovCore", "EGovCrypto", "EGovIdentity", "EGovSignature", "EGovCertificates", "EGovNotifications",
                "EGovCatalogue", "EGovInterop", "EGovSQLite",
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "egov",
            dependencies: [
                "EGovCore",
                "EGovKit",
                "EGovPostgres",
                "EGovTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Examples/: small programs a department developer copies (built by CI, run by EGovCLITests).
        .executableTarget(
            name: "example-verify-signed-application", dependencies: ["EGovKit", "EGovTesting"],
            path: "Examples/VerifySignedApplication", swiftSettings: strictSettings),
        .executableTarget(
            name: "example-issue-and-verify-licence", dependencies: ["EGovKit", "EGovTesting"],
            path: "Examples/IssueAndVerifyLicence", swiftSettings: strictSettings),
        .executableTarget(
            name: "example-custom-transport", dependencies: ["EGovKit", "EGovTesting"],
            path: "Examples/CustomTransport", swiftSettings: strictSettings),

        // Tests. Test runs log at warning unless EGOV_LOG_LEVEL asks for more: set up at load time, before any test.
        .target(name: "CTestLoggingStart", path: "Tests/Support/CTestLoggingStart"),
        .target(
            name: "TestLogging",
            dependencies: ["CTestLoggingStart", .product(name: "Logging", package: "swift-log")],
            path: "Tests/Support/TestLogging",
            swiftSettings: strictSettings
        ),
        // Reads Package.swift, Documentation/Architecture.md and the sources: no EGovKit module needed.
        .testTarget(name: "ArchitectureTests", swiftSettings: strictSettings),
        .testTarget(
            name: "EGovCoreTests",
            dependencies: ["EGovCore", "TestLogging", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EGovCryptoTests",
            dependencies: ["EGovCore", "EGovCrypto", "EGovTesting", "EGovSignature", "COpenSSL"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EGovIdentityTests", dependencies: ["EGovCore", "EGovCrypto", "EGovIdentity", "EGovTesting"], swiftSettings: strictSettings),
        .testTarget(
            name: "EGovSignatureTests",
            dependencies: ["EGovCore", "EGovCrypto", "EGovIdentity", "EGovSignature", "EGovTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EGovCertificatesTests",
            dependencies: ["EGovCore", "EGovCrypto", "EGovCertificates", "EGovTesting"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EGovNotificationsTests",
            dependencies: ["EGovCore", "EGovCrypto", "EGovNotifications", "EGovTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EGovCatalogueTests",
            dependencies: ["EGovCore", "EGovIdentity", "EGovCatalogue", "EGovTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EGovInteropTests",
            dependencies: [
                "EGovCore", "EGovCrypto", "EGovIdentity", "EGovSignature", "EGovInterop", "EGovHTTPClient",
                "EGovTesting",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EGovHummingbirdTests",
            dependencies: [
                "EGovCore", "EGovCrypto", "EGovIdentity", "EGovInterop", "EGovNotifications", "EGovCertificates",
                "EGovHTTPClient", "EGovHummingbird", "EGovTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EGovSQLiteTests",
            dependencies: [
                "EGovCore", "EGovCrypto", "EGovIdentity", "EGovNotifications", "EGovCertificates", "EGovCatalogue",
                "EGovSQLite", "EGovTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EGovPostgresTests",
            dependencies: [
                "EGovCore", "EGovCrypto", "EGovNotifications", "EGovPostgres", "EGovTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EGovTestingTests",
            dependencies: [
                "EGovCore", "EGovTesting", "EGovCrypto", "EGovNotifications", "EGovIdentity", "EGovCertificates",
                "EGovCatalogue", "EGovInterop", "EGovSignature",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        // Examples/OneStopFlowTest: a department's test of a whole one-stop flow on EGovTesting's fixtures.
        .testTarget(
            name: "ExampleOneStopFlowTests", dependencies: ["EGovKit", "EGovTesting"],
            path: "Examples/OneStopFlowTest", swiftSettings: strictSettings),
        // Every Swift block of README.md and Documentation/, extracted by .ci/doc-snippets: compiled, not run
        // (warnings off: a page's fragment may bind values it does not use).
        .testTarget(
            name: "DocumentationSnippetsTests",
            dependencies: [
                "EGovCatalogue", "EGovSQLite", "EGovKit", "EGovPostgres", "EGovHTTPClient", "EGovHummingbird", "EGovTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strictSettings + [.unsafeFlags(["-suppress-warnings"])]
        ),
        .testTarget(
            name: "EGovCLITests",
            dependencies: [
                "egov", "EGovCore", "EGovCrypto", "EGovCertificates", "EGovNotifications", "EGovInterop", "EGovSQLite",
                "EGovTesting",
            ],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
