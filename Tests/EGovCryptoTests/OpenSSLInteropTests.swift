import EGovCrypto
import Foundation
import Testing

/// Interoperability with the `openssl` command line (/usr/bin/openssl): signatures made by the
/// CLI verify in EGovCrypto and vice versa, with keys generated on either side and exchanged as
/// PEM. When the CLI is missing these tests fail with a clear message (CI installs it).
@Suite struct OpenSSLInteropTests {
    static let message = Array("EGovKit interop message \u{00e9}\u{4e2d}\n".utf8)
    static let distid = "distid:1234567812345678"

    struct Scheme: Sendable, CustomTestStringConvertible {
        let algorithm: SignatureAlgorithm
        let genpkey: [String]
        let sign: [String]
        let verify: [String]
        var testDescription: String { algorithm.rawValue }
    }

    static let schemes: [Scheme] = [
        Scheme(
            algorithm: .es256,
            genpkey: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
            sign: ["dgst", "-sha256", "-sign", "key.pem", "-out", "sig.bin", "msg.bin"],
            verify: ["dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", "msg.bin"]),
        Scheme(
            algorithm: .edDSA,
            genpkey: ["-algorithm", "ED25519"],
            sign: ["pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-in", "msg.bin", "-out", "sig.bin"],
            verify: [
                "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "msg.bin", "-sigfile", "sig.bin",
            ]),
        Scheme(
            algorithm: .sm2,
            genpkey: ["-algorithm", "SM2"],
            sign: [
                "pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-digest", "sm3", "-pkeyopt", distid,
                "-in", "msg.bin", "-out", "sig.bin",
            ],
            verify: [
                "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-digest", "sm3", "-pkeyopt", distid,
                "-in", "msg.bin", "-sigfile", "sig.bin",
            ]),
    ]

    @Test func openSSLCommandLineIsInstalled() {
        #expect(
            OpenSSLCLI.isAvailable,
            "\(OpenSSLCLI.executable) is missing: the interop tests need the openssl command line (CI installs it)")
    }

    @Test(arguments: OpenSSLInteropTests.schemes)
    func cliSignaturesVerifyInEGovCrypto(_ scheme: Scheme) throws {
        let cli = try OpenSSLCLI()
        try cli.runOK(["genpkey"] + scheme.genpkey + ["-out", "key.pem"])
        try cli.runOK(["pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"])
        try cli.write("msg.bin", Self.message)
        try cli.runOK(scheme.sign)
        let signature = try cli.read("sig.bin")

        let publicKey = try PublicKey(pemRepresentation: cli.readText("pub.pem"))
        let privateKey = try PrivateKey(pemRepresentation: cli.readText("key.pem"))
        #expect(privateKey.publicKey == publicKey)
        #expect(scheme.algorithm.isCompatible(with: publicKey.keyType))
        #expect(try publicKey.isValidSignature(signature, for: Self.message, algorithm: scheme.algorithm))
        #expect(try !publicKey.isValidSignature(signature, for: Self.message + [0], algorithm: scheme.algorithm))
        if scheme.algorithm == .sm2 {
            // The CLI signed with the default ID; an empty ID (OpenSSL's own default) must fail.
            #expect(
                try !publicKey.isValidSignature(
                    signature, for: Self.message, algorithm: .sm2, sm2ID: SM2DistinguishingID("")))
        }
        // The CLI key, through a JWK round trip, still verifies.
        let viaJWK = try PublicKey(jwk: publicKey.jwk())
        #expect(try viaJWK.isValidSignature(signature, for: Self.message, algorithm: scheme.algorithm))
    }

    @Test(arguments: OpenSSLInteropTests.schemes)
    func egovSignaturesVerifyWithTheCLI(_ scheme: Scheme) throws {
        let cli = try OpenSSLCLI()
        let key = try PrivateKey.generate(for: scheme.algorithm)
        try cli.write("pub.pem", key.publicKey.pemRepresentation)
        try cli.write("key.pem", try key.pkcs8PEMRepresentation())
        try cli.write("msg.bin", Self.message)
        try cli.write("sig.bin", try key.signature(for: Self.message, algorithm: scheme.algorithm))
        let verified = try cli.run(scheme.verify)
        #expect(verified.status == 0, "openssl refused an EGovCrypto \(scheme.algorithm) signature: \(verified.output)")
        #expect(verified.output.contains("Verified OK") || verified.output.contains("Signature Verified Successfully"))

        // A tampered message fails on the CLI too (the check above is not vacuous).
        try cli.write("msg.bin", Self.message + [0])
        #expect(try cli.run(scheme.verify).status != 0)
        try cli.write("msg.bin", Self.message)

        // The CLI reads the exported private key and its signatures verify here.
        try cli.runOK(scheme.sign)
        #expect(try key.publicKey.isValidSignature(cli.read("sig.bin"), for: Self.message, algorithm: scheme.algorithm))
        // The CLI derives the same public key from the exported private key.
        try cli.runOK(["pkey", "-in", "key.pem", "-pubout", "-out", "derived.pem"])
        #expect(try PublicKey(pemRepresentation: cli.readText("derived.pem")) == key.publicKey)
    }

    @Test func sm2IDMustMatchOnBothSides() throws {
        let cli = try OpenSSLCLI()
        let key = try PrivateKey.generate(.sm2)
        try cli.write("pub.pem", key.publicKey.pemRepresentation)
        try cli.write("msg.bin", Self.message)
        let custom = try SM2DistinguishingID("alice@example.gov")
        try cli.write("sig.bin", try key.signature(for: Self.message, algorithm: .sm2, sm2ID: custom))
        let base = [
            "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-digest", "sm3", "-in", "msg.bin",
            "-sigfile", "sig.bin",
        ]
        #expect(try cli.run(base + ["-pkeyopt", "distid:alice@example.gov"]).status == 0)
        #expect(try cli.run(base + ["-pkeyopt", Self.distid]).status != 0)
        // Without -pkeyopt distid the OpenSSL 3.0 CLI uses an empty ID.
        #expect(try cli.run(base).status != 0)
        try cli.write("sig.bin", try key.signature(for: Self.message, algorithm: .sm2, sm2ID: SM2DistinguishingID("")))
        #expect(try cli.run(base).status == 0)
    }
}
