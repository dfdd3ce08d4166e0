// swift-tools-version: 6.1
// libFuzzer targets for EGovKit's parsers. Build from this directory with
//   swift build -c release --sanitize=fuzzer --sanitize=address
// (see README.md). Each target exports LLVMFuzzerTestOneInput and has no main.swift: libFuzzer
// provides main(). A plain `swift build` without --sanitize=fuzzer does not link them.

import PackageDescription

let fuzzTargets = [
    "FuzzPEMKey", "FuzzPEMDocument", "FuzzDERSignature", "FuzzJWK", "FuzzCertificate", "FuzzCatalogue", "FuzzPKCS12",
]
// Targets over EGovCore alone, and over the signature validation entry point.
let coreTargets = ["FuzzRFC3339Time"]
let signatureTargets = ["FuzzSignatureDocument"]
// The EGovInterop targets also link EGovTesting: their seed writers (EGOV_FUZZ_WRITE_SEEDS) use TestPKI and ManualClock.
let interopTargets = ["FuzzInteropEnvelope", "FuzzInteropContract", "FuzzAuditExport"]

let package = Package(
    name: "EGovKitFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "EGovKit", path: "..")
    ],
    targets: fuzzTargets.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                .product(name: "EGovCrypto", package: "EGovKit"), .product(name: "EGovCatalogue", package: "EGovKit"),
            ]
        )
    }
        + interopTargets.map { name in
            .executableTarget(
                name: name,
                dependencies: [
                    .product(name: "EGovCore", package: "EGovKit"), .product(name: "EGovCrypto", package: "EGovKit"),
                    .product(name: "EGovInterop", package: "EGovKit"), .product(name: "EGovTesting", package: "EGovKit"),
                ]
            )
        }
        + coreTargets.map { name in
            .executableTarget(name: name, dependencies: [.product(name: "EGovCore", package: "EGovKit")])
        }
        + signatureTargets.map { name in
            .executableTarget(
                name: name,
                dependencies: [
                    .product(name: "EGovCore", package: "EGovKit"), .product(name: "EGovCrypto", package: "EGovKit"),
                    .product(name: "EGovSignature", package: "EGovKit"),
                ]
            )
        },
    swiftLanguageModes: [.v6]
)
