// swift-tools-version: 6.1
// EGovKit benchmarks: a separate package so that the library's users never resolve package-benchmark.
// Run from this directory: swift package --allow-writing-to-package-directory benchmark

import PackageDescription

let package = Package(
    name: "EGovKitBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "EGovKit", path: ".."),
        // Only the MallocInterposer trait: the default traits want a package the local mirror lacks.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The parent's COpenSSL is a target, not a product, so it cannot be depended on from here;
        // this is the same module map under another name (two targets may not share a name).
        .systemLibrary(
            name: "CBenchOpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // The raw OpenSSL EVP baseline, in its own module so that no Swift file imports two
        // module maps that both include the OpenSSL headers.
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "EGovCore", package: "EGovKit")]
        ),
        .target(
            name: "RawOpenSSL",
            dependencies: ["CBenchOpenSSL"]
        ),
        .executableTarget(
            name: "CryptoBenchmarks",
            dependencies: [
                .product(name: "EGovCrypto", package: "EGovKit"),
                "RawOpenSSL",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CryptoBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: [
                .product(name: "EGovCore", package: "EGovKit"),
                .product(name: "EGovCrypto", package: "EGovKit"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CertificatesBenchmarks",
            dependencies: [
                .product(name: "EGovCertificates", package: "EGovKit"),
                .product(name: "EGovTesting", package: "EGovKit"),
                .product(name: "EGovCrypto", package: "EGovKit"),
                .product(name: "EGovCore", package: "EGovKit"),
                "RawOpenSSL",
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CertificatesBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "NotificationsBenchmarks",
            dependencies: [
                .product(name: "EGovNotifications", package: "EGovKit"),
                .product(name: "EGovCore", package: "EGovKit"),
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/NotificationsBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "IdentityBenchmarks",
            dependencies: [
                .product(name: "EGovIdentity", package: "EGovKit"),
                .product(name: "EGovCrypto", package: "EGovKit"),
                .product(name: "EGovCore", package: "EGovKit"),
                "RawOpenSSL",
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/IdentityBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SignatureBenchmarks",
            dependencies: [
                .product(name: "EGovSignature", package: "EGovKit"),
                .product(name: "EGovTesting", package: "EGovKit"),
                .product(name: "EGovCrypto", package: "EGovKit"),
                .product(name: "EGovCore", package: "EGovKit"),
                "RawOpenSSL",
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SignatureBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CatalogBenchmarks",
            dependencies: [
                .product(name: "EGovCatalog", package: "EGovKit"),
                .product(name: "EGovIdentity", package: "EGovKit"),
                .product(name: "EGovCore", package: "EGovKit"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CatalogBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
