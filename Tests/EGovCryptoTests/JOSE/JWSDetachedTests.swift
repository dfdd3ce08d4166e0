import EGovCore
import EGovCrypto
import Foundation
import Testing

/// Detached payloads and the RFC 7797 unencoded payload option in the compact serialisation.
@Suite struct JWSDetachedTests {
    static let payloadCases: [(SignatureAlgorithm, Bool)] = SignatureAlgorithm.allCases.flatMap {
        [($0, true), ($0, false)]
    }

    /// RFC 7797 section 4.2: the signing input of the `"$.02"` example is
    /// `ASCII(BASE64URL(header)) || '.' || payload`. The example signs with HS256, which JWS in
    /// EGovKit does not offer, so the construction is pinned by recomputing the RFC's HMAC tags
    /// over our signing inputs with the RFC 7515 A.1 key.
    @Test func rfc7797Section4SigningInputIsExact() throws {
        let key = try Base64URL.decode(JOSEVectors.rfc7515HMACKey)
        let payload = Array("$.02".utf8)
        // Section 4.2: {"alg":"HS256","b64":false,"crit":["b64"]}.
        let unencodedHeader = "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19"
        #expect(
            try Base64URL.decode(unencodedHeader) == Array("{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}".utf8))
        let unencoded = JWS.signingInput(
            protectedSegment: unencodedHeader, payload: payload, base64EncodePayload: false)
        #expect(unencoded == Array("eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.$.02".utf8))
        #expect(
            Base64URL.encode(try HMACAlgorithm.sha256.authenticationCode(for: unencoded, key: key))
                == "A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY")
        // Section 4.1: the same payload with b64 true.
        let encoded = JWS.signingInput(
            protectedSegment: "eyJhbGciOiJIUzI1NiJ9", payload: payload, base64EncodePayload: true)
        #expect(encoded == Array("eyJhbGciOiJIUzI1NiJ9.JC4wMg".utf8))
        #expect(
            Base64URL.encode(try HMACAlgorithm.sha256.authenticationCode(for: encoded, key: key))
                == "5mvfOroL-g7HyqJoozehmsaqmvTYGEq5jTI1gVvoEoQ")
    }

    /// The RFC 7797 example payload signed with ES256 (and EdDSA, whose raw signature lets the
    /// test check the signing input directly).
    @Test func rfc7797ExamplePayloadWithSupportedAlgorithms() async throws {
        let payload = Array("$.02".utf8)
        let signer = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let verifier = try signer.publicKey.verificationKey(for: .es256)
        let header = JWSHeader(algorithm: .es256, base64EncodePayload: false)
        // The header gains b64 and crit automatically, in the RFC's member order.
        let compact = try await JWS.sign(payload: payload, header: header, key: signer, detached: true)
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        #expect(parts.count == 3 && parts[1].isEmpty)
        #expect(try Base64URL.decode(parts[0]) == Array("{\"alg\":\"ES256\",\"b64\":false,\"crit\":[\"b64\"]}".utf8))
        let verified = try JWS.verify(compact, detachedPayload: payload, key: verifier)
        #expect(verified.payload == payload)
        #expect(verified.header.base64EncodePayload == false)
        #expect(verified.header.critical == ["b64"])
        // Attached, "$.02" would add a fourth segment: refused (RFC 7797 section 5.2).
        await #expect(throws: JWSError.self) {
            try await JWS.sign(payload: payload, header: header, key: signer)
        }
        // The base64url form of the payload is not the payload.
        #expect(throws: JWSError.signatureInvalid) {
            try JWS.verify(compact, detachedPayload: Array("JC4wMg".utf8), key: verifier)
        }

        let edSigner = try PrivateKey.generate(.ed25519).signingKey(for: .edDSA)
        let edCompact = try await JWS.sign(
            payload: payload, header: .init(algorithm: .edDSA, base64EncodePayload: false), key: edSigner,
            detached: true)
        let edParts = edCompact.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let edVerifier = try edSigner.publicKey.verificationKey(for: .edDSA)
        #expect(
            try edVerifier.isValidSignature(
                try Base64URL.decode(edParts[2]), for: Array((edParts[0] + ".$.02").utf8)))
    }

    @Test(arguments: payloadCases)
    func detachedRoundTrip(_ algorithm: SignatureAlgorithm, _ encoded: Bool) async throws {
        let signer = try PrivateKey.generate(for: algorithm).signingKey(for: algorithm)
        let verifier = try signer.publicKey.verificationKey(for: algorithm)
        // Any bytes, '.' and non-UTF-8 included, may be detached.
        let payload: [UInt8] = Array("a.b.c ".utf8) + [0xFF, 0x00, 0x2E]
        let compact = try await JWS.sign(
            payload: payload, header: .init(algorithm: algorithm, keyID: "k", base64EncodePayload: encoded),
            key: signer, detached: true)
        let parsed = try CompactJWS(parsing: compact)
        #expect(parsed.isDetached)
        #expect(parsed.header.base64EncodePayload == encoded)
        #expect(try parsed.verified(with: verifier, detachedPayload: payload).payload == payload)
        #expect(try JWS.verify(compact, detachedPayload: payload, key: verifier).payload == payload)
        let keySet = JWSKeySet([.init(keyID: "k", key: verifier)])
        #expect(try JWS.verify(compact, detachedPayload: payload, keySet: keySet).payload == payload)
        // Missing or different payload.
        #expect(throws: JWSError.missingPayload) { try parsed.verified(with: verifier) }
        #expect(throws: JWSError.missingPayload) { try JWS.verify(compact, key: verifier) }
        #expect(throws: JWSError.missingPayload) { try JWS.verify(compact, keySet: keySet) }
        #expect(throws: JWSError.signatureInvalid) {
            try JWS.verify(compact, detachedPayload: payload + [0], key: verifier)
        }
    }

    @Test(arguments: payloadCases)
    func attachedRoundTrip(_ algorithm: SignatureAlgorithm, _ encoded: Bool) async throws {
        let signer = try PrivateKey.generate(for: algorithm).signingKey(for: algorithm)
        let verifier = try signer.publicKey.verificationKey(for: algorithm)
        let payload = Array("{\"amount\":\"12,50 €\"}".utf8)
        let compact = try await JWS.sign(
            payload: payload, header: .init(algorithm: algorithm, base64EncodePayload: encoded), key: signer)
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        #expect(parts[1] == (encoded ? Base64URL.encode(payload) : "{\"amount\":\"12,50 €\"}"))
        let parsed = try CompactJWS(parsing: compact)
        #expect(!parsed.isDetached)
        #expect(try parsed.verified(with: verifier).payload == payload)
        // An attached payload plus a detached one is ambiguous: refused.
        #expect(throws: JWSError.payloadConflict) {
            try JWS.verify(compact, detachedPayload: payload, key: verifier)
        }
        // Switching the interpretation of the payload segment needs a new (signed) header.
        let flipped = JWSHeader(algorithm: algorithm, base64EncodePayload: !encoded)
        let flippedSegment = Base64URL.encode(try CanonicalJSON.serialize(.object(flipped.members)))
        #expect(throws: JWSError.self) {
            try JWS.verify([flippedSegment, parts[1], parts[2]].joined(separator: "."), key: verifier)
        }
    }

    /// RFC 7797 section 6: `b64` is honoured only when `crit` lists it; anything else is refused
    /// rather than guessed.
    @Test func b64MustBeCritical() async throws {
        let signer = try PrivateKey.generate(.ed25519).signingKey(for: .edDSA)
        let verifier = try signer.publicKey.verificationKey(for: .edDSA)
        func handSigned(_ headerJSON: String, payloadSegment: String) async throws -> String {
            let header = Base64URL.encode(Array(headerJSON.utf8))
            let signature = try await signer.sign(Array((header + "." + payloadSegment).utf8))
            return header + "." + payloadSegment + "." + Base64URL.encode(signature)
        }
        let notCritical = try await handSigned("{\"alg\":\"EdDSA\",\"b64\":false}", payloadSegment: "hello")
        #expect(throws: JWSError.unencodedPayloadNotCritical) { try JWS.verify(notCritical, key: verifier) }
        #expect(throws: JWSError.unencodedPayloadNotCritical) { try CompactJWS(parsing: notCritical) }
        let notBoolean = try await handSigned(
            "{\"alg\":\"EdDSA\",\"b64\":\"false\",\"crit\":[\"b64\"]}", payloadSegment: "hello")
        #expect(throws: JWSError.unencodedPayloadNotCritical) { try JWS.verify(notBoolean, key: verifier) }
        let trueNotCritical = try await handSigned("{\"alg\":\"EdDSA\",\"b64\":true}", payloadSegment: "aGVsbG8")
        #expect(throws: JWSError.unencodedPayloadNotCritical) { try JWS.verify(trueNotCritical, key: verifier) }
        // Critical b64 is implemented by EGovKit and needs no policy entry; true and false both work.
        let critical = try await handSigned(
            "{\"alg\":\"EdDSA\",\"b64\":false,\"crit\":[\"b64\"]}", payloadSegment: "hello")
        #expect(try JWS.verify(critical, key: verifier).payload == Array("hello".utf8))
        let criticalTrue = try await handSigned(
            "{\"alg\":\"EdDSA\",\"b64\":true,\"crit\":[\"b64\"]}", payloadSegment: "aGVsbG8")
        #expect(try JWS.verify(criticalTrue, key: verifier).payload == Array("hello".utf8))
        // Other critical extensions still need the policy's consent.
        let otherCritical = try await handSigned(
            "{\"alg\":\"EdDSA\",\"b64\":false,\"crit\":[\"b64\",\"sigT\"],\"sigT\":\"x\"}", payloadSegment: "hello")
        #expect(throws: JWSError.unsupportedCriticalHeader("sigT")) { try JWS.verify(otherCritical, key: verifier) }
        #expect(
            try JWS.verify(otherCritical, key: verifier, policy: .init(understoodCriticalHeaders: ["sigT"])).payload
                == Array("hello".utf8))
    }

    @Test func unencodedAttachedPayloadMustFitTheCompactForm() async throws {
        let signer = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let header = JWSHeader(algorithm: .es256, base64EncodePayload: false)
        await #expect(throws: JWSError.self) {
            try await JWS.sign(payload: Array("a.b".utf8), header: header, key: signer)
        }
        await #expect(throws: JWSError.self) {
            try await JWS.sign(payload: [0xC3, 0x28], header: header, key: signer)
        }
        // A hand-made attached compact JWS whose unencoded payload holds '.' has four segments.
        #expect(throws: JWSError.wrongSegmentCount(4)) {
            try CompactJWS(parsing: "eyJhbGciOiJFUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.$.02.AAAA")
        }
    }

    /// An empty payload now reads as detached: it verifies when the (empty) payload is supplied.
    @Test func emptyPayloadIsDetached() async throws {
        let signer = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let verifier = try signer.publicKey.verificationKey(for: .es256)
        let compact = try await JWS.sign(payload: [UInt8](), header: .init(algorithm: .es256), key: signer)
        #expect(throws: JWSError.missingPayload) { try JWS.verify(compact, key: verifier) }
        #expect(try JWS.verify(compact, detachedPayload: [], key: verifier).payload == [])
    }

    /// A header edited through its typed properties signs what the properties say.
    @Test func typedPropertiesAreWhatIsSigned() async throws {
        let signer = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let verifier = try signer.publicKey.verificationKey(for: .es256)
        var header = JWSHeader(algorithm: .es256)
        header.type = "JWT"
        header.base64EncodePayload = false
        let compact = try await JWS.sign(payload: Array("x".utf8), header: header, key: signer)
        let verified = try JWS.verify(compact, key: verifier, policy: .init(expectedType: "JWT"))
        #expect(verified.header.base64EncodePayload == false)
        #expect(verified.header.critical == ["b64"])
        #expect(compact.split(separator: ".")[1] == "x")
    }

    /// RFC 7520 section 4.1 (JOSE cookbook, RS256): signing with the cookbook's key reproduces the
    /// published compact JWS byte for byte (RSASSA-PKCS1-v1_5 is deterministic), and it verifies.
    @Test func rfc7520Section4_1Compact() async throws {
        let privateKey = try PrivateKey(jwk: JOSEVectors.rfc7520RSAPrivateJWK)
        let signer = try privateKey.signingKey(for: .rs256)
        let verifier = try privateKey.publicKey.verificationKey(for: .rs256)
        #expect(Base64URL.encode(JOSEVectors.rfc7520Payload) == JOSEVectors.rfc7520PayloadSegment)
        let expected = [
            JOSEVectors.rfc7520RS256Protected, JOSEVectors.rfc7520PayloadSegment, JOSEVectors.rfc7520RS256Signature,
        ].joined(separator: ".")
        let compact = try await JWS.sign(
            payload: JOSEVectors.rfc7520Payload,
            header: .init(algorithm: .rs256, keyID: "bilbo.baggins@hobbiton.example"), key: signer)
        #expect(compact == expected)
        let verified = try JWS.verify(expected, key: verifier)
        #expect(verified.payload == JOSEVectors.rfc7520Payload)
        #expect(verified.header.keyID == "bilbo.baggins@hobbiton.example")
        // The same signature, detached.
        let detached = [JOSEVectors.rfc7520RS256Protected, "", JOSEVectors.rfc7520RS256Signature].joined(separator: ".")
        #expect(
            try JWS.verify(detached, detachedPayload: JOSEVectors.rfc7520Payload, key: verifier).payload
                == JOSEVectors.rfc7520Payload)
    }
}
