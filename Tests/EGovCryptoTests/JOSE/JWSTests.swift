import EGovCore
import EGovCrypto
import Foundation
import Testing

@Suite struct JWSTests {
    /// RFC 7515 appendix A.3: the ES256 example, verified at the JWS level.
    @Test func rfc7515AppendixA3Verifies() throws {
        let x = try Base64URL.decode("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU")
        let y = try Base64URL.decode("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0")
        // SubjectPublicKeyInfo for id-ecPublicKey / prime256v1 with an uncompressed point.
        let prefix: [UInt8] = [
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86,
            0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
        ]
        let key = try PublicKey(derRepresentation: prefix + x + y).verificationKey(for: .es256)
        let compact =
            "eyJhbGciOiJFUzI1NiJ9"
            + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
            + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q"
        let verified = try JWS.verify(compact, key: key)
        #expect(verified.header.algorithm == .es256)
        #expect(String(decoding: verified.payload, as: UTF8.self).hasPrefix("{\"iss\":\"joe\""))
        // A signature character changed: rejected as invalid.
        let tampered = compact.replacingOccurrences(of: ".DtEhU3", with: ".DtEhU4")
        #expect(throws: JWSError.signatureInvalid) { try JWS.verify(tampered, key: key) }
        // Changing only the unused low bits of the last character is not a second valid
        // encoding of the same signature: strict base64url refuses it.
        let malleated = String(compact.dropLast()) + "V"
        #expect(throws: JWSError.invalidBase64URL(segment: "signature")) { try JWS.verify(malleated, key: key) }
    }

    @Test(arguments: SignatureAlgorithm.allCases)
    func roundTripEveryAlgorithm(_ algorithm: SignatureAlgorithm) async throws {
        let signer = try PrivateKey.generate(for: algorithm).signingKey(for: algorithm)
        let compact = try await JWS.sign(
            payload: Array("{\"sub\":\"a\"}".utf8), header: JWSHeader(algorithm: algorithm, type: "JWT", keyID: "k1"),
            key: signer)
        let verifier = try signer.publicKey.verificationKey(for: algorithm)
        let verified = try JWS.verify(compact, key: verifier, policy: .init(expectedType: "jwt"))
        #expect(verified.payload == Array("{\"sub\":\"a\"}".utf8))
        #expect(verified.header.keyID == "k1")
        let signatureSegment = try Base64URL.decode(compact.split(separator: ".")[2])
        if let component = algorithm.componentLength { #expect(signatureSegment.count == 2 * component) }
    }

    @Test func tamperingIsRejectedPrecisely() async throws {
        let signer = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let verifier = try signer.publicKey.verificationKey(for: .es256)
        let compact = try await JWS.sign(payload: Array("hello".utf8), header: .init(algorithm: .es256), key: signer)
        let parts = compact.split(separator: ".").map(String.init)

        // Payload edited.
        let edited = [parts[0], Base64URL.encode(Array("hellp".utf8)), parts[2]].joined(separator: ".")
        #expect(throws: JWSError.signatureInvalid) { try JWS.verify(edited, key: verifier) }
        // alg none.
        let none = Base64URL.encode(Array("{\"alg\":\"none\"}".utf8))
        #expect(throws: JWSError.unsecuredAlgorithm) {
            try JWS.verify([none, parts[1], ""].joined(separator: "."), key: verifier)
        }
        // alg swapped to another supported algorithm: refused before any crypto.
        let swapped = Base64URL.encode(Array("{\"alg\":\"ES384\"}".utf8))
        #expect(throws: JWSError.algorithmNotAllowed("ES384")) {
            try JWS.verify([swapped, parts[1], parts[2]].joined(separator: "."), key: verifier)
        }
        // HS256 (symmetric) is not supported at all: no HMAC-with-public-key confusion.
        let hs = Base64URL.encode(Array("{\"alg\":\"HS256\"}".utf8))
        #expect(throws: JWSError.unsupportedAlgorithm("HS256")) {
            try JWS.verify([hs, parts[1], parts[2]].joined(separator: "."), key: verifier)
        }
        // Truncated and extra segments.
        #expect(throws: JWSError.wrongSegmentCount(2)) { try JWS.verify(parts[0] + "." + parts[1], key: verifier) }
        #expect(throws: JWSError.wrongSegmentCount(4)) { try JWS.verify(compact + ".e30", key: verifier) }
        // Truncated signature (one r‖s byte short).
        let shortSig = Base64URL.encode(Array(try Base64URL.decode(parts[2]).dropLast()))
        #expect(throws: JWSError.self) {
            try JWS.verify([parts[0], parts[1], shortSig].joined(separator: "."), key: verifier)
        }
        // Wrong key of the same algorithm.
        let other = try PrivateKey.generate(.p256).publicKey.verificationKey(for: .es256)
        #expect(throws: JWSError.signatureInvalid) { try JWS.verify(compact, key: other) }
        // Padding in a segment.
        #expect(throws: JWSError.invalidBase64URL(segment: "signature")) {
            try JWS.verify(compact + "=", key: verifier)
        }
        // Duplicate header member.
        let duplicate = Base64URL.encode(Array("{\"alg\":\"ES256\",\"alg\":\"ES256\"}".utf8))
        #expect(throws: JWSError.self) {
            try JWS.verify([duplicate, parts[1], parts[2]].joined(separator: "."), key: verifier)
        }
        // Unknown critical header.
        let crit = Base64URL.encode(Array("{\"alg\":\"ES256\",\"crit\":[\"exp\"],\"exp\":1}".utf8))
        #expect(throws: JWSError.unsupportedCriticalHeader("exp")) {
            try JWS.verify([crit, parts[1], parts[2]].joined(separator: "."), key: verifier)
        }
        // typ required but absent.
        #expect(throws: JWSError.unexpectedType(expected: "JWT", found: nil)) {
            try JWS.verify(compact, key: verifier, policy: .init(expectedType: "JWT"))
        }
        // Oversized input.
        #expect(throws: JWSError.tooLarge(limit: 16)) {
            try JWS.verify(compact, key: verifier, policy: .init(maximumLength: 16))
        }
    }

    @Test func keySetSelectsByKeyIDAndKeepsAlgorithmBinding() async throws {
        let a = try PrivateKey.generate(.ed25519).signingKey(for: .edDSA)
        let b = try PrivateKey.generate(.sm2).signingKey(for: .sm2)
        let set = JWSKeySet([
            .init(keyID: "a", key: try a.publicKey.verificationKey(for: .edDSA)),
            .init(keyID: "b", key: try b.publicKey.verificationKey(for: .sm2)),
        ])
        let signedByB = try await JWS.sign(payload: [1], header: .init(algorithm: .sm2, keyID: "b"), key: b)
        #expect(try JWS.verify(signedByB, keySet: set).payload == [1])
        // Claiming kid "a" for an SM2 signature: the key for "a" is EdDSA-only.
        let relabelled = try await JWS.sign(payload: [1], header: .init(algorithm: .sm2, keyID: "a"), key: b)
        #expect(throws: JWSError.algorithmNotAllowed("SM2")) { try JWS.verify(relabelled, keySet: set) }
        let unknown = try await JWS.sign(payload: [1], header: .init(algorithm: .sm2, keyID: "zz"), key: b)
        #expect(throws: JWSError.unknownKey(kid: "zz")) { try JWS.verify(unknown, keySet: set) }
    }

    @Test func x5cRoundTripsAsStandardBase64() async throws {
        let signer = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let chain: [[UInt8]] = [[0x30, 0x03, 0x02, 0x01, 0xFF], [0xFB, 0xFF]]
        let compact = try await JWS.sign(
            payload: [1], header: .init(algorithm: .es256, certificateChain: chain), key: signer)
        let parsed = try CompactJWS(parsing: compact)
        #expect(parsed.header.certificateChain == chain)
        if case .array(let items)? = parsed.header["x5c"], case .string(let first)? = items.last {
            #expect(first == "+/8=")
        } else {
            Issue.record("x5c missing")
        }
    }
}
