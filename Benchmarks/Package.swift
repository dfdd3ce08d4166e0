// swift-tools-version: 6.1
// EGovKit benchmarks: a separate package so that the library's users never resolve package-benchmark.
// Run from this directory: swift package --allow-writing-to-package-directory benchmark

import PackageDescription

/// A product of the EGovKit package.
func kit(_ name: String) -> Target.Dependency { .product(name: name, package: "EGovKit") }

/// A package-benchmark executable in `Benchmarks/<name>`, with the Benchmark library and plugin.
func benchmarkTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: name,
        dependencies: dependencies + [.product(name: "Benchmark", package: "benchmark")],
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "EGovKitBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "EGovKit", path: ".."),
        // Only the MallocInterposer trait: the default traits want a package the local mirror lacks.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // The raw-GRDB baseline of StoresBenchmarks (the same version EGovKit resolves).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The parent's COpenSSL is a target, not a product, so it cannot be depended on from here;
        // this is the same module map under another name (two targets may not share a name).
        .systemLibrary(
            name: "CBenchOpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // Shared helpers and the common benchmark configuration.
        .target(
            name: "BenchmarkSupport",
            dependencies: [kit("EGovCore"), .product(name: "Benchmark", package: "benchmark")]
        ),
        // The raw OpenSSL EVP baseline, in its own module so that no Swift file imports two
        // module maps that both include the OpenSSL headers.
        .target(
            name: "RawOpenSSL",
            dependencies: ["CBenchOpenSSL"]
        ),
        benchmarkTarget("CryptoBenchmarks", [kit("EGovCrypto"), "RawOpenSSL", "BenchmarkSupport"]),
        benchmarkTarget("CoreBenchmarks", [kit("EGovCore"), kit("EGovCrypto"), "BenchmarkSupport"]),
        benchmarkTarget(
            "CertificatesBenchmarks",
            [
                kit("EGovCertificates"), kit("EGovTesting"), kit("EGovCrypto"), kit("EGovCore"), "RawOpenSSL",
                "BenchmarkSupport",
            ]),
        benchmarkTarget("NotificationsBenchmarks", [kit("EGovNotifications"), kit("EGovCore"), "BenchmarkSupport"]),
        benchmarkTarget(
            "IdentityBenchmarks",
            [kit("EGovIdentity"), kit("EGovCrypto"), kit("EGovCore"), "RawOpenSSL", "BenchmarkSupport"]),
        benchmarkTarget(
            "SignatureBenchmarks",
            [
                kit("EGovSignature"), kit("EGovTesting"), kit("EGovCrypto"), kit("EGovCore"), "RawOpenSSL",
                "BenchmarkSupport",
            ]),
        benchmarkTarget(
            "InteropBenchmarks",
            [kit("EGovInterop"), kit("EGovHTTPClient"), kit("EGovTesting"), kit("EGovCrypto"), kit("EGovCore"), "RawOpenSSL", "BenchmarkSupport"]),
        benchmarkTarget(
            "StoresBenchmarks",
            [
                kit("EGovSQLite"), kit("EGovPostgres"), kit("EGovNotifications"), kit("EGovCore"),
                .product(name: "GRDB", package: "GRDB.swift"), "BenchmarkSupport",
            ]),
        benchmarkTarget(
            "CatalogueBenchmarks", [kit("EGovCatalogue"), kit("EGovIdentity"), kit("EGovCore"), "BenchmarkSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
