import EGovCore
import EGovCrypto
import Foundation
import Testing

/// Bad key input gives typed errors and never crashes; JWK conversions round-trip.
@Suite struct KeyParsingTests {
    /// Expects `body` to throw a ``CryptoError`` with `code`.
    static func expectCode(
        _ code: String, _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("expected \(code) but nothing was thrown \(what)", sourceLocation: sourceLocation)
        } catch let error as CryptoError {
            #expect(error.code == code, "\(what): \(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected CryptoError \(code), got \(error) \(what)", sourceLocation: sourceLocation)
        }
    }

    static let keyTypes: [KeyType] = [.p256, .p384, .ed25519, .sm2, .rsa(bits: 2048)]

    // MARK: PEM

    @Test func badPEMIsRefused() throws {
        let good = try PrivateKey.generate(.p256)
        let publicPEM = good.publicKey.pemRepresentation
        let lines = publicPEM.split(separator: "\n").map(String.init)
        Self.expectCode("crypto.pem.malformed", "garbage") { _ = try PublicKey(pemRepresentation: "hello world") }
        Self.expectCode("crypto.pem.malformed", "empty") { _ = try PublicKey(pemRepresentation: "") }
        Self.expectCode("crypto.pem.malformed", "no END") {
            _ = try PublicKey(pemRepresentation: lines.dropLast().joined(separator: "\n"))
        }
        Self.expectCode("crypto.pem.malformed", "body cut") {
            _ = try PublicKey(
                pemRepresentation: ([lines[0], String(lines[1].prefix(10))] + [lines[lines.count - 1]]).joined(
                    separator: "\n"))
        }
        Self.expectCode("crypto.pem.malformed", "bad base64") {
            _ = try PublicKey(pemRepresentation: "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n")
        }
        Self.expectCode("crypto.pem.malformed", "mismatched END") {
            _ = try PublicKey(pemRepresentation: publicPEM.replacingOccurrences(of: "END PUBLIC", with: "END PRIVATE"))
        }
        Self.expectCode("crypto.pem.malformed", "two blocks") {
            _ = try PublicKey(pemRepresentation: publicPEM + publicPEM)
        }
        Self.expectCode("crypto.input.too_large", "oversized") {
            _ = try PublicKey(pemRepresentation: String(repeating: "A", count: 70 * 1024))
        }
        // Well-formed PEM whose DER is truncated.
        let der = good.publicKey.derRepresentation
        Self.expectCode("crypto.der.malformed", "truncated DER in PEM") {
            _ = try PublicKey(
                pemRepresentation: PEMDocument(label: "PUBLIC KEY", der: Array(der.dropLast(3))).pemString)
        }
    }

    @Test func wrongPEMLabelsAreRefused() throws {
        let key = try PrivateKey.generate(.p256)
        let privatePEM = try key.pkcs8PEMRepresentation()
        Self.expectCode("crypto.pem.unexpected_label", "private as public") {
            _ = try PublicKey(pemRepresentation: privatePEM)
        }
        Self.expectCode("crypto.pem.unexpected_label", "public as private") {
            _ = try PrivateKey(pemRepresentation: key.publicKey.pemRepresentation)
        }
        let certificate = PEMDocument(label: "CERTIFICATE", der: key.publicKey.derRepresentation).pemString
        Self.expectCode("crypto.pem.unexpected_label", "certificate") {
            _ = try PublicKey(pemRepresentation: certificate)
        }
        Self.expectCode("crypto.pem.unexpected_label", "certificate") {
            _ = try PrivateKey(pemRepresentation: certificate)
        }
        // A PKCS#8 body under an SEC 1 label does not parse as SEC 1.
        let relabelled = PEMDocument(label: "EC PRIVATE KEY", der: try key.pkcs8DERRepresentation()).pemString
        Self.expectCode("crypto.der.malformed", "PKCS#8 as EC PRIVATE KEY") {
            _ = try PrivateKey(pemRepresentation: relabelled)
        }
    }

    @Test func encryptedPEMIsRefused() throws {
        let cli = try OpenSSLCLI()
        try cli.runOK(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "plain.pem"])
        try cli.runOK(["pkey", "-in", "plain.pem", "-aes256", "-passout", "pass:secret", "-out", "pkcs8.pem"])
        try cli.runOK([
            "pkey", "-in", "plain.pem", "-traditional", "-aes256", "-passout", "pass:secret", "-out", "legacy.pem",
        ])
        #expect(try cli.readText("pkcs8.pem").contains("ENCRYPTED PRIVATE KEY"))
        #expect(try cli.readText("legacy.pem").contains("DEK-Info"))
        Self.expectCode("crypto.key.encrypted", "PKCS#8") {
            _ = try PrivateKey(pemRepresentation: cli.readText("pkcs8.pem"))
        }
        Self.expectCode("crypto.pem.malformed", "legacy") {
            _ = try PrivateKey(pemRepresentation: cli.readText("legacy.pem"))
        }
        #expect(throws: Never.self) { _ = try PrivateKey(pemRepresentation: cli.readText("plain.pem")) }
        // The unencrypted traditional (SEC 1) form is accepted.
        try cli.runOK(["pkey", "-in", "plain.pem", "-traditional", "-out", "sec1.pem"])
        #expect(try cli.readText("sec1.pem").contains("BEGIN EC PRIVATE KEY"))
        let sec1 = try PrivateKey(pemRepresentation: cli.readText("sec1.pem"))
        #expect(try sec1.publicKey == PrivateKey(pemRepresentation: cli.readText("plain.pem")).publicKey)
        let sec1DER = try PEMDocument(parsing: cli.readText("sec1.pem")).der
        Self.expectCode("crypto.der.malformed", "SEC 1 with trailing bytes") {
            _ = try PrivateKey(pemRepresentation: PEMDocument(label: "EC PRIVATE KEY", der: sec1DER + [0]).pemString)
        }
    }

    // MARK: DER

    @Test func badDERIsRefused() throws {
        let key = try PrivateKey.generate(.p256)
        let spki = key.publicKey.derRepresentation
        let pkcs8 = try key.pkcs8DERRepresentation()
        for end in stride(from: 0, to: spki.count, by: 7) {
            Self.expectCode("crypto.der.malformed", "SPKI cut at \(end)") {
                _ = try PublicKey(derRepresentation: spki.prefix(end))
            }
        }
        for end in stride(from: 0, to: pkcs8.count, by: 7) {
            Self.expectCode("crypto.der.malformed", "PKCS#8 cut at \(end)") {
                _ = try PrivateKey(derRepresentation: pkcs8.prefix(end))
            }
        }
        Self.expectCode("crypto.der.malformed", "trailing") { _ = try PublicKey(derRepresentation: spki + [0]) }
        Self.expectCode("crypto.der.malformed", "trailing") { _ = try PrivateKey(derRepresentation: pkcs8 + [0]) }
        Self.expectCode("crypto.der.malformed", "garbage") {
            _ = try PublicKey(derRepresentation: Array("garbage".utf8))
        }
        Self.expectCode("crypto.der.malformed", "SPKI as PKCS#8") { _ = try PrivateKey(derRepresentation: spki) }
        Self.expectCode("crypto.der.malformed", "PKCS#8 as SPKI") { _ = try PublicKey(derRepresentation: pkcs8) }
        Self.expectCode("crypto.input.too_large", "SPKI") {
            _ = try PublicKey(derRepresentation: [UInt8](repeating: 0x30, count: PublicKey.maximumDERLength + 1))
        }
        Self.expectCode("crypto.input.too_large", "PKCS#8") {
            _ = try PrivateKey(derRepresentation: [UInt8](repeating: 0x30, count: PrivateKey.maximumDERLength + 1))
        }
        // Random bytes with a plausible header never crash.
        for seed in 0..<64 {
            var bytes = try SecureRandom.bytes(count: 40 + seed)
            bytes[0] = 0x30
            bytes[1] = UInt8(bytes.count - 2)
            #expect(throws: CryptoError.self) { _ = try PublicKey(derRepresentation: bytes) }
            #expect(throws: CryptoError.self) { _ = try PrivateKey(derRepresentation: bytes) }
        }
    }

    // MARK: Refused keys

    @Test func rsa1024IsRefused() throws {
        #expect(throws: CryptoError.keyTooSmall(bits: 1024, minimum: 2048)) {
            _ = try PrivateKey.generate(.rsa(bits: 1024))
        }
        let cli = try OpenSSLCLI()
        try cli.runOK(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "rsa1024.pem"])
        try cli.runOK(["pkey", "-in", "rsa1024.pem", "-pubout", "-out", "rsa1024.pub.pem"])
        #expect(throws: CryptoError.keyTooSmall(bits: 1024, minimum: 2048)) {
            _ = try PrivateKey(pemRepresentation: cli.readText("rsa1024.pem"))
        }
        #expect(throws: CryptoError.keyTooSmall(bits: 1024, minimum: 2048)) {
            _ = try PublicKey(pemRepresentation: cli.readText("rsa1024.pub.pem"))
        }
        try cli.runOK(["pkey", "-in", "rsa1024.pem", "-traditional", "-out", "rsa1024.pkcs1.pem"])
        #expect(throws: CryptoError.keyTooSmall(bits: 1024, minimum: 2048)) {
            _ = try PrivateKey(pemRepresentation: cli.readText("rsa1024.pkcs1.pem"))
        }
    }

    @Test func unsupportedAndExplicitCurvesAreRefused() throws {
        let cli = try OpenSSLCLI()
        try cli.runOK(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1", "-out", "k1.pem"])
        try cli.runOK(["pkey", "-in", "k1.pem", "-pubout", "-out", "k1.pub.pem"])
        Self.expectCode("crypto.key.unsupported", "secp256k1 private") {
            _ = try PrivateKey(pemRepresentation: cli.readText("k1.pem"))
        }
        Self.expectCode("crypto.key.unsupported", "secp256k1 public") {
            _ = try PublicKey(pemRepresentation: cli.readText("k1.pub.pem"))
        }
        try cli.runOK(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521", "-out", "p521.pem"])
        Self.expectCode("crypto.key.unsupported", "P-521") {
            _ = try PrivateKey(pemRepresentation: cli.readText("p521.pem"))
        }
        // P-256 with explicit domain parameters instead of the named-curve OID.
        try cli.runOK([
            "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-param_enc", "explicit", "-out", "explicit.pem",
        ])
        try cli.runOK(["pkey", "-in", "explicit.pem", "-pubout", "-out", "explicit.pub.pem"])
        try cli.runOK(["pkcs8", "-topk8", "-nocrypt", "-in", "explicit.pem", "-out", "explicit.p8.pem"])
        Self.expectCode("crypto.key.unsupported", "explicit public") {
            _ = try PublicKey(pemRepresentation: cli.readText("explicit.pub.pem"))
        }
        Self.expectCode("crypto.key.unsupported", "explicit SEC 1") {
            _ = try PrivateKey(pemRepresentation: cli.readText("explicit.pem"))
        }
        Self.expectCode("crypto.key.unsupported", "explicit PKCS#8") {
            _ = try PrivateKey(pemRepresentation: cli.readText("explicit.p8.pem"))
        }
        // Ed448 and X25519 are not signature keys EGovKit supports.
        for algorithm in ["ED448", "X25519"] {
            try cli.runOK(["genpkey", "-algorithm", algorithm, "-out", "\(algorithm).pem"])
            Self.expectCode("crypto.key.unsupported", algorithm) {
                _ = try PrivateKey(pemRepresentation: cli.readText("\(algorithm).pem"))
            }
        }
    }

    @Test func algorithmConfusionIsRefused() throws {
        let rsa = try PrivateKey.generate(.rsa(bits: 2048))
        let p256 = try PrivateKey.generate(.p256)
        let p384 = try PrivateKey.generate(.p384)
        let sm2 = try PrivateKey.generate(.sm2)
        let ed = try PrivateKey.generate(.ed25519)
        let message: [UInt8] = [1, 2, 3]
        let confusions: [(PrivateKey, SignatureAlgorithm)] = [
            (p256, .rs256), (p256, .ps256), (p256, .es384), (sm2, .es256), (p256, .sm2), (rsa, .edDSA),
            (rsa, .es256), (p384, .es256), (ed, .es256), (sm2, .edDSA), (ed, .sm2),
        ]
        for (key, algorithm) in confusions {
            let expected = CryptoError.algorithmMismatch(algorithm: algorithm, keyType: key.keyType.description)
            #expect(throws: expected) { _ = try key.signature(for: message, algorithm: algorithm) }
            #expect(throws: expected) {
                _ = try key.publicKey.isValidSignature(
                    [UInt8](repeating: 0, count: 64), for: message, algorithm: algorithm)
            }
            #expect(throws: expected) { _ = try key.publicKey.verificationKey(for: algorithm) }
            #expect(throws: expected) { _ = try key.signingKey(for: algorithm) }
        }
        // A valid ES256 signature from the P-256 key does not verify under SM2 with an SM2 key of
        // the same coordinates' length, nor is an SM2 signature accepted as ES256.
        let sm2Signature = try sm2.signature(for: message, algorithm: .sm2)
        #expect(throws: CryptoError.self) {
            _ = try sm2.publicKey.isValidSignature(sm2Signature, for: message, algorithm: .es256)
        }
        // A JWK alg that contradicts the key is refused too.
        var jwk = try p256.publicKey.jwk()
        jwk.alg = "RS256"
        Self.expectCode("crypto.algorithm.mismatch", "JWK alg RS256 on EC") { _ = try PublicKey(jwk: jwk) }
        jwk.alg = "ES384"
        Self.expectCode("crypto.algorithm.mismatch", "JWK alg ES384 on P-256") { _ = try PublicKey(jwk: jwk) }
        var sm2JWK = try sm2.publicKey.jwk()
        sm2JWK.alg = "ES256"
        Self.expectCode("crypto.algorithm.mismatch", "JWK alg ES256 on SM2") { _ = try PublicKey(jwk: sm2JWK) }
    }

    // MARK: JWK

    @Test(arguments: KeyParsingTests.keyTypes)
    func jwkRoundTrips(_ type: KeyType) throws {
        let key = try PrivateKey.generate(type)
        let privateJWK = try key.jwk(keyID: "key-1")
        #expect(privateJWK.isPrivate)
        #expect(privateJWK.kid == "key-1")
        let reimported = try PrivateKey(jwk: privateJWK)
        #expect(reimported.keyType == type)
        #expect(reimported.publicKey == key.publicKey)
        #expect(try reimported.jwk(keyID: "key-1") == privateJWK)
        // JSON round trip.
        let json = try privateJWK.jsonBytes()
        #expect(try JWK(jsonBytes: json) == privateJWK)
        // Public export equals the private JWK without its secrets.
        let publicJWK = try key.publicKey.jwk(keyID: "key-1")
        #expect(!publicJWK.isPrivate)
        #expect(publicJWK == privateJWK.publicJWK)
        #expect(try PublicKey(jwk: publicJWK) == key.publicKey)
        #expect(try PublicKey(jwk: privateJWK) == key.publicKey)
        Self.expectCode("crypto.jwk.malformed", "public JWK as private") { _ = try PrivateKey(jwk: publicJWK) }
        // PKCS#8 and SPKI PEM round trips (folded in from the former SmokeTests).
        let fromPEM = try PrivateKey(pemRepresentation: key.pkcs8PEMRepresentation())
        #expect(fromPEM.publicKey == key.publicKey)
        #expect(try PublicKey(pemRepresentation: key.publicKey.pemRepresentation) == key.publicKey)
        #expect(try fromPEM.jwk(keyID: "key-1") == privateJWK)
        // The reimported key signs and the original public key verifies.
        let algorithm = try #require(SignatureAlgorithm.allCases.first { $0.isCompatible(with: type) })
        let signature = try reimported.signature(for: [9, 9], algorithm: algorithm)
        #expect(try key.publicKey.isValidSignature(signature, for: [9, 9], algorithm: algorithm))
        // Thumbprints ignore kid and private members.
        var bare = publicJWK
        bare.kid = nil
        #expect(try privateJWK.thumbprint() == bare.thumbprint())
        #expect(try privateJWK.thumbprint().count == 43)
        // Descriptions never show private members.
        if let d = privateJWK.d {
            #expect(!privateJWK.description.contains(d))
            #expect(!String(reflecting: privateJWK).contains(d))
        }
        switch type {
        case .sm2:
            #expect(publicJWK.kty == "EC" && publicJWK.crv == "SM2")
            // SM2 JWKs become SM2 keys that sign with SM2, not ECDSA on the SM2 curve.
            #expect(throws: CryptoError.self) { _ = try reimported.signature(for: [1], algorithm: .es256) }
        case .ed25519: #expect(publicJWK.kty == "OKP" && publicJWK.crv == "Ed25519")
        case .rsa: #expect(publicJWK.kty == "RSA" && publicJWK.crv == nil && publicJWK.e == "AQAB")
        case .p256: #expect(publicJWK.crv == "P-256")
        case .p384: #expect(publicJWK.crv == "P-384")
        }
    }

    @Test func rfc7638Section31Thumbprint() throws {
        let json = #"""
            {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}
            """#
        let jwk = try JWK(jsonString: json)
        #expect(try jwk.thumbprint(using: .sha256) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        let key = try PublicKey(jwk: jwk)
        #expect(key.keyType == .rsa(bits: 2048))
        #expect(try key.jwk(keyID: "2011-04-29").thumbprint() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        #expect(try jwk.thumbprint(using: .sha384).count == 64)
    }

    static let p256JWK =
        #"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#

    static func mutated(_ change: (inout [String: Any]) -> Void) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(p256JWK.utf8)) as? [String: Any])
        change(&object)
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func badJWKIsRefused() throws {
        #expect(throws: Never.self) { _ = try PublicKey(jwk: JWK(jsonString: Self.p256JWK)) }
        let cases: [(String, String, String)] = [
            ("crypto.jwk.malformed", "garbage", "not json"),
            ("crypto.jwk.malformed", "truncated", String(Self.p256JWK.dropLast(5))),
            ("crypto.jwk.malformed", "array", "[]"),
            ("crypto.jwk.malformed", "empty object", "{}"),
            ("crypto.jwk.malformed", "kty number", #"{"kty":1}"#),
            ("crypto.key.unsupported", "kty oct", #"{"kty":"oct","k":"AAAA"}"#),
            ("crypto.key.unsupported", "crv P-521", try Self.mutated { $0["crv"] = "P-521" }),
            ("crypto.key.unsupported", "crv secp256k1", try Self.mutated { $0["crv"] = "secp256k1" }),
            ("crypto.jwk.malformed", "no crv", try Self.mutated { $0["crv"] = nil }),
            ("crypto.jwk.malformed", "no y", try Self.mutated { $0["y"] = nil }),
            ("crypto.jwk.malformed", "x number", try Self.mutated { $0["x"] = 5 }),
            ("crypto.jwk.malformed", "x null", try Self.mutated { $0["x"] = NSNull() }),
            ("crypto.jwk.malformed", "extra n", try Self.mutated { $0["n"] = "AQAB" }),
            ("crypto.jwk.malformed", "extra p", try Self.mutated { $0["p"] = "AQAB" }),
            (
                "crypto.jwk.malformed", "x padded",
                try Self.mutated { $0["x"] = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU=" }
            ),
            (
                "crypto.jwk.malformed", "x standard base64",
                try Self.mutated { $0["x"] = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVE+" }
            ),
            (
                "crypto.jwk.malformed", "x non-canonical bits",
                try Self.mutated { $0["x"] = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEV" }
            ),
            (
                "crypto.jwk.malformed", "x short",
                try Self.mutated { $0["x"] = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVA" }
            ),
            (
                "crypto.jwk.malformed", "x 33 bytes",
                try Self.mutated { $0["x"] = "AH_NzidwxF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU" }
            ),
            (
                "crypto.jwk.malformed", "point not on curve",
                try Self.mutated { $0["y"] = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a4" }
            ),
            ("crypto.jwk.malformed", "use enc", try Self.mutated { $0["use"] = "enc" }),
            ("crypto.jwk.malformed", "key_ops encrypt", try Self.mutated { $0["key_ops"] = ["encrypt"] }),
            ("crypto.jwk.malformed", "key_ops twice", try Self.mutated { $0["key_ops"] = ["verify", "verify"] }),
            ("crypto.key.unsupported", "alg ES512", try Self.mutated { $0["alg"] = "ES512" }),
            ("crypto.algorithm.mismatch", "alg PS256", try Self.mutated { $0["alg"] = "PS256" }),
            (
                "crypto.jwk.malformed", "kid too long",
                try Self.mutated { $0["kid"] = String(repeating: "k", count: 2000) }
            ),
            (
                "crypto.input.too_large", "oversized",
                try Self.mutated { $0["x5c"] = [String(repeating: "A", count: 70_000)] }
            ),
            ("crypto.key.unsupported", "multi-prime", #"{"kty":"RSA","n":"AQAB","e":"AQAB","oth":[]}"#),
        ]
        for (code, name, json) in cases {
            Self.expectCode(code, name) { _ = try PublicKey(jwk: JWK(jsonString: json)) }
        }
        // Unknown members are ignored (RFC 7517 section 4); x5c etc. are not interpreted.
        #expect(throws: Never.self) {
            _ = try PublicKey(
                jwk: JWK(
                    jsonString: Self.mutated {
                        $0["x5t"] = "abc"
                        $0["use"] = "sig"
                    }))
        }
        // Truncating the text at every point gives errors, never crashes.
        for end in 0..<Self.p256JWK.utf8.count {
            #expect(throws: CryptoError.self) { _ = try JWK(jsonBytes: Array(Self.p256JWK.utf8.prefix(end))) }
        }
    }

    @Test func badKeyMaterialInJWKIsRefused() throws {
        // Ed25519: wrong lengths, mismatched private key.
        let ed = try PrivateKey.generate(.ed25519).jwk()
        var short = ed
        short.x = Base64URL.encode([UInt8](repeating: 1, count: 31))
        Self.expectCode("crypto.jwk.malformed", "Ed25519 x 31 bytes") { _ = try PublicKey(jwk: short) }
        var withY = ed.publicJWK
        withY.y = ed.x
        Self.expectCode("crypto.jwk.malformed", "OKP with y") { _ = try PublicKey(jwk: withY) }
        var otherCurve = ed.publicJWK
        otherCurve.crv = "X25519"
        Self.expectCode("crypto.key.unsupported", "OKP X25519") { _ = try PublicKey(jwk: otherCurve) }
        var mismatched = ed
        mismatched.x = try PrivateKey.generate(.ed25519).publicKey.jwk().x
        Self.expectCode("crypto.jwk.malformed", "Ed25519 x/d mismatch") { _ = try PrivateKey(jwk: mismatched) }

        // EC: d of the wrong length, mismatched, zero.
        let ec = try PrivateKey.generate(.p256).jwk()
        var wrongD = ec
        wrongD.d = Base64URL.encode([UInt8](repeating: 1, count: 31))
        Self.expectCode("crypto.jwk.malformed", "EC d 31 bytes") { _ = try PrivateKey(jwk: wrongD) }
        var otherD = ec
        otherD.d = try PrivateKey.generate(.p256).jwk().d
        Self.expectCode("crypto.jwk.malformed", "EC x,y/d mismatch") { _ = try PrivateKey(jwk: otherD) }
        var zeroD = ec
        zeroD.d = Base64URL.encode([UInt8](repeating: 0, count: 32))
        Self.expectCode("crypto.jwk.malformed", "EC d zero") { _ = try PrivateKey(jwk: zeroD) }
        // An SM2 point is not a P-256 point.
        var sm2AsP256 = try PrivateKey.generate(.sm2).publicKey.jwk()
        sm2AsP256.crv = "P-256"
        Self.expectCode("crypto.jwk.malformed", "SM2 point as P-256") { _ = try PublicKey(jwk: sm2AsP256) }

        // RSA: too small, leading zero, missing CRT members, mismatched.
        let rsa = try PrivateKey.generate(.rsa(bits: 2048)).jwk()
        var small = rsa.publicJWK
        small.n = Base64URL.encode(Array(try TestSupport.b64u(try #require(rsa.n)).prefix(128)))
        #expect(throws: CryptoError.keyTooSmall(bits: 1024, minimum: 2048)) { _ = try PublicKey(jwk: small) }
        var leadingZero = rsa.publicJWK
        leadingZero.n = Base64URL.encode([0] + (try TestSupport.b64u(try #require(rsa.n))))
        Self.expectCode("crypto.jwk.malformed", "n with leading zero") { _ = try PublicKey(jwk: leadingZero) }
        var onlyD = rsa
        onlyD.p = nil
        Self.expectCode("crypto.jwk.malformed", "RSA without p") { _ = try PrivateKey(jwk: onlyD) }
        var swapped = rsa
        swapped.d = try PrivateKey.generate(.rsa(bits: 2048)).jwk().d
        Self.expectCode("crypto.jwk.malformed", "RSA d mismatch") { _ = try PrivateKey(jwk: swapped) }
        var withCrv = rsa.publicJWK
        withCrv.crv = "P-256"
        Self.expectCode("crypto.jwk.malformed", "RSA with crv") { _ = try PublicKey(jwk: withCrv) }
        var evenModulus = rsa.publicJWK
        var modulus = try TestSupport.b64u(try #require(rsa.n))
        modulus[modulus.count - 1] &= 0xfe
        evenModulus.n = Base64URL.encode(modulus)
        Self.expectCode("crypto.jwk.malformed", "even modulus") { _ = try PublicKey(jwk: evenModulus) }
    }
}

@Suite struct JWKStrictJSONTests {
    @Test func duplicateMembersAreRefused() throws {
        let x = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"
        let y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"
        let good = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"\(x)\",\"y\":\"\(y)\"}"
        #expect(throws: Never.self) { try JWK(jsonString: good) }
        let twice = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"crv\":\"P-384\",\"x\":\"\(x)\",\"y\":\"\(y)\"}"
        #expect(throws: CryptoError.self) { try JWK(jsonString: twice) }
        #expect((try? JWK(jsonString: twice)) == nil)
    }
}
