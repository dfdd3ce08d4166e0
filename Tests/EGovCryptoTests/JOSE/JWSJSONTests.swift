import EGovCore
import EGovCrypto
import Foundation
import Testing

/// The JWS JSON serialisation (RFC 7515 section 7.2), general and flattened.
@Suite struct JWSJSONTests {
    typealias Signer = (key: any SigningKey, header: JWSHeader, unprotected: [String: JSONValue])

    static let payloadCases: [(SignatureAlgorithm, Bool, Bool)] = SignatureAlgorithm.allCases.flatMap { algorithm in
        [(true, false), (true, true), (false, false), (false, true)].map { (algorithm, $0.0, $0.1) }
    }

    static func keyPair(_ algorithm: SignatureAlgorithm) throws -> (SoftwareSigningKey, any VerificationKey) {
        let signer = try PrivateKey.generate(for: algorithm).signingKey(for: algorithm)
        return (signer, try signer.publicKey.verificationKey(for: algorithm))
    }

    /// RFC 7515 appendix A.6: the general serialisation with an RS256 (A.2 key) and an ES256
    /// (A.3 key) signature; both verify, each only with its own key.
    @Test func rfc7515AppendixA6() throws {
        let jws = try JWSJSON(parsing: JOSEVectors.rfc7515AppendixA6)
        let rsa = try JOSEVectors.rfc7515RSAKey()
        let ec = try JOSEVectors.rfc7515ECKey()
        #expect(jws.signatures.count == 2)
        #expect(jws.payloadSegment == JOSEVectors.rfc7515PayloadSegment)
        #expect(jws.signatures[0].protectedSegment == "eyJhbGciOiJSUzI1NiJ9")
        #expect(jws.signatures[0].unprotectedHeader == ["kid": .string("2010-12-29")])
        #expect(jws.signatures[1].unprotectedHeader == ["kid": .string("e9bc097a-ce51-4036-9562-d2ade882db0d")])
        let first = try jws.verifySignature(at: 0, key: rsa)
        let second = try jws.verifySignature(at: 1, key: ec)
        #expect(first.header.algorithm == .rs256 && second.header.algorithm == .es256)
        #expect(first.payload == second.payload)
        #expect(String(decoding: first.payload, as: UTF8.self).hasPrefix("{\"iss\":\"joe\""))
        #expect(jws.payload(detachedPayload: nil) == first.payload)
        // Each key is bound to its algorithm.
        #expect(throws: JWSError.algorithmNotAllowed("RS256")) { try jws.verifySignature(at: 0, key: ec) }
        #expect(throws: JWSError.algorithmNotAllowed("ES256")) { try jws.verifySignature(at: 1, key: rsa) }
        #expect(throws: JWSError.noSuchSignature(index: 2)) { try jws.verifySignature(at: 2, key: ec) }
        #expect(throws: JWSError.noSuchSignature(index: -1)) { try jws.verifySignature(at: -1, key: ec) }
        // The unprotected kid selects the key from a key set.
        let keySet = JWSKeySet([
            .init(keyID: "2010-12-29", key: rsa), .init(keyID: "e9bc097a-ce51-4036-9562-d2ade882db0d", key: ec),
        ])
        #expect(try jws.verifySignature(at: 0, keySet: keySet).payload == first.payload)
        #expect(try jws.verifySignature(at: 1, keySet: keySet).payload == first.payload)
        // The same signatures with the payload detached (RFC 7515 appendix F).
        var detached = jws
        detached.payloadSegment = nil
        let reparsed = try JWSJSON(parsing: try detached.jsonBytes())
        #expect(reparsed.isDetached)
        #expect(throws: JWSError.missingPayload) { try reparsed.verifySignature(at: 0, key: rsa) }
        #expect(try reparsed.verifySignature(at: 0, key: rsa, detachedPayload: first.payload).payload == first.payload)
        #expect(try reparsed.verifySignature(at: 1, key: ec, detachedPayload: first.payload).payload == first.payload)
        #expect(throws: JWSError.payloadConflict) {
            try jws.verifySignature(at: 0, key: rsa, detachedPayload: first.payload)
        }
    }

    /// RFC 7515 appendix A.7: the flattened serialisation (ES256).
    @Test func rfc7515AppendixA7() throws {
        let jws = try JWSJSON(parsing: JOSEVectors.rfc7515AppendixA7)
        let ec = try JOSEVectors.rfc7515ECKey()
        #expect(jws.signatures.count == 1)
        #expect(jws.signatures[0].unprotectedHeader["kid"] == .string("e9bc097a-ce51-4036-9562-d2ade882db0d"))
        let verified = try jws.verifySignature(at: 0, key: ec)
        #expect(String(decoding: verified.payload, as: UTF8.self).hasPrefix("{\"iss\":\"joe\""))
        // Serialised again, flattened and general, it still verifies and keeps every value.
        for flattened in [true, false] {
            let again = try JWSJSON(parsing: try jws.jsonBytes(flattened: flattened))
            #expect(again == jws)
            #expect(try again.verifySignature(at: 0, key: ec).payload == verified.payload)
        }
        let flat = try JSONValue.parse(try jws.jsonBytes(flattened: true))
        #expect(flat["signatures"] == nil && flat["protected"] == .string("eyJhbGciOiJFUzI1NiJ9"))
    }

    /// RFC 7520 section 4.1.3 (Figures 14 and 15): the cookbook's RS256 example in the general and
    /// flattened JSON serialisations; signing with the cookbook key reproduces its signature.
    @Test func rfc7520Section4_1JSON() async throws {
        let privateKey = try PrivateKey(jwk: JOSEVectors.rfc7520RSAPrivateJWK)
        let verifier = try privateKey.publicKey.verificationKey(for: .rs256)
        let general = """
            {
              "payload": "\(JOSEVectors.rfc7520PayloadSegment)",
              "signatures": [
                {
                  "protected": "\(JOSEVectors.rfc7520RS256Protected)",
                  "signature": "\(JOSEVectors.rfc7520RS256Signature)"
                }
              ]
            }
            """
        let flattened = """
            {
              "payload": "\(JOSEVectors.rfc7520PayloadSegment)",
              "protected": "\(JOSEVectors.rfc7520RS256Protected)",
              "signature": "\(JOSEVectors.rfc7520RS256Signature)"
            }
            """
        for text in [general, flattened] {
            let jws = try JWSJSON(parsing: text)
            #expect(jws.signatures[0].unprotectedHeader.isEmpty)
            #expect(try jws.verifySignature(at: 0, key: verifier).payload == JOSEVectors.rfc7520Payload)
        }
        let signed = try await JWSJSON.sign(
            payload: JOSEVectors.rfc7520Payload,
            signers: [
                (
                    key: try privateKey.signingKey(for: .rs256),
                    header: JWSHeader(algorithm: .rs256, keyID: "bilbo.baggins@hobbiton.example"), unprotected: [:]
                )
            ])
        #expect(signed == (try JWSJSON(parsing: flattened)))
        #expect(try JSONValue.parse(try signed.jsonBytes()) == (try JSONValue.parse(general)))
        #expect(try JSONValue.parse(try signed.jsonBytes(flattened: true)) == (try JSONValue.parse(flattened)))
    }

    @Test(arguments: payloadCases)
    func roundTrip(_ algorithm: SignatureAlgorithm, _ encoded: Bool, _ detached: Bool) async throws {
        let (signer, verifier) = try Self.keyPair(algorithm)
        let payload = Array("{\"a\":\"b.c\",\"€\":1}".utf8)
        let jws = try await JWSJSON.sign(
            payload: payload,
            signers: [
                (
                    key: signer, header: JWSHeader(algorithm: algorithm, type: "JOSE", base64EncodePayload: encoded),
                    unprotected: ["kid": .string("k1")]
                )
            ], detached: detached)
        #expect(jws.isDetached == detached)
        #expect(jws.base64EncodePayload == encoded)
        if !detached {
            #expect(jws.payloadSegment == (encoded ? Base64URL.encode(payload) : "{\"a\":\"b.c\",\"€\":1}"))
        }
        let supplied = detached ? payload : nil
        for flattened in [false, true] {
            let parsed = try JWSJSON(parsing: try jws.jsonBytes(flattened: flattened))
            #expect(parsed == jws)
            let verified = try parsed.verifySignature(
                at: 0, key: verifier, policy: .init(expectedType: "JOSE"), detachedPayload: supplied)
            #expect(verified.payload == payload)
            #expect(verified.header.base64EncodePayload == encoded)
            #expect(parsed.payload(detachedPayload: supplied) == payload)
        }
        if let component = algorithm.componentLength { #expect(jws.signatures[0].signature.count == 2 * component) }
    }

    /// Co-signing: two and then three signers with different algorithms over one payload, each
    /// verified by index with its own key, before and after reordering.
    @Test(arguments: [false, true])
    func coSigning(_ detached: Bool) async throws {
        let (ed, edVerifier) = try Self.keyPair(.edDSA)
        let (sm2, sm2Verifier) = try Self.keyPair(.sm2)
        let (es, esVerifier) = try Self.keyPair(.es256)
        let payload = Array("contract v1".utf8)
        let two = try await JWSJSON.sign(
            payload: payload,
            signers: [
                (key: ed, header: JWSHeader(algorithm: .edDSA, keyID: "ed"), unprotected: [:]),
                (key: sm2, header: JWSHeader(algorithm: .sm2), unprotected: ["kid": .string("sm2")]),
            ], detached: detached)
        let supplied = detached ? payload : nil
        #expect(try two.verifySignature(at: 0, key: edVerifier, detachedPayload: supplied).payload == payload)
        #expect(try two.verifySignature(at: 1, key: sm2Verifier, detachedPayload: supplied).payload == payload)

        let three = try await two.addingSignature(
            key: es, header: JWSHeader(algorithm: .es256, keyID: "es"), detachedPayload: supplied)
        #expect(three.signatures.count == 3)
        #expect(three.payloadSegment == two.payloadSegment)
        let parsed = try JWSJSON(parsing: try three.jsonBytes())
        let verifiers: [any VerificationKey] = [edVerifier, sm2Verifier, esVerifier]
        for (index, verifier) in verifiers.enumerated() {
            #expect(try parsed.verifySignature(at: index, key: verifier, detachedPayload: supplied).payload == payload)
        }
        let keySet = JWSKeySet([
            .init(keyID: "ed", key: edVerifier), .init(keyID: "sm2", key: sm2Verifier),
            .init(keyID: "es", key: esVerifier),
        ])
        for index in 0..<3 {
            #expect(try parsed.verifySignature(at: index, keySet: keySet, detachedPayload: supplied).payload == payload)
        }
        // Co-signing a detached JWS needs the payload; an attached one refuses a second payload.
        if detached {
            await #expect(throws: JWSError.missingPayload) {
                try await two.addingSignature(key: es, header: JWSHeader(algorithm: .es256))
            }
        } else {
            await #expect(throws: JWSError.payloadConflict) {
                try await two.addingSignature(key: es, header: JWSHeader(algorithm: .es256), detachedPayload: payload)
            }
        }
        // Reordered, each index still names one signature, verified with that signer's key only.
        var reordered = parsed
        reordered.signatures = [parsed.signatures[2], parsed.signatures[0], parsed.signatures[1]]
        let reorderedParsed = try JWSJSON(parsing: try reordered.jsonBytes())
        #expect(
            try reorderedParsed.verifySignature(at: 0, key: esVerifier, detachedPayload: supplied).header.keyID == "es")
        #expect(
            try reorderedParsed.verifySignature(at: 1, key: edVerifier, detachedPayload: supplied).header.keyID == "ed")
        #expect(
            try reorderedParsed.verifySignature(at: 2, key: sm2Verifier, detachedPayload: supplied).payload == payload)
        #expect(throws: JWSError.algorithmNotAllowed("ES256")) {
            try reorderedParsed.verifySignature(at: 0, key: edVerifier, detachedPayload: supplied)
        }
        // Another signer's key of the same algorithm does not verify.
        let (_, otherEd) = try Self.keyPair(.edDSA)
        #expect(throws: JWSError.signatureInvalid) {
            try reorderedParsed.verifySignature(at: 1, key: otherEd, detachedPayload: supplied)
        }
        // A signature moved onto another JWS's payload no longer verifies.
        if detached {
            #expect(throws: JWSError.signatureInvalid) {
                try parsed.verifySignature(at: 2, key: esVerifier, detachedPayload: Array("contract v2".utf8))
            }
        }
    }

    @Test func tampering() async throws {
        let (es, esVerifier) = try Self.keyPair(.es256)
        let (ed, edVerifier) = try Self.keyPair(.edDSA)
        let jws = try await JWSJSON.sign(
            payload: Array("pay 10".utf8),
            signers: [
                (key: es, header: JWSHeader(algorithm: .es256), unprotected: ["kid": .string("a")]),
                (key: ed, header: JWSHeader(algorithm: .edDSA, type: "JOSE"), unprotected: [:]),
            ])

        // Payload changed: every signature fails.
        var payloadChanged = jws
        payloadChanged.payloadSegment = Base64URL.encode(Array("pay 99".utf8))
        #expect(throws: JWSError.signatureInvalid) { try payloadChanged.verifySignature(at: 0, key: esVerifier) }
        #expect(throws: JWSError.signatureInvalid) { try payloadChanged.verifySignature(at: 1, key: edVerifier) }

        // Protected header changed (typ added to the first signature's header).
        let text = String(decoding: try jws.jsonBytes(), as: UTF8.self)
        let otherHeader = Base64URL.encode(Array("{\"alg\":\"ES256\",\"typ\":\"JOSE\"}".utf8))
        let headerChanged = try JWSJSON(
            parsing: text.replacingOccurrences(of: jws.signatures[0].protectedSegment, with: otherHeader))
        #expect(throws: JWSError.signatureInvalid) { try headerChanged.verifySignature(at: 0, key: esVerifier) }
        #expect(try headerChanged.verifySignature(at: 1, key: edVerifier).payload == Array("pay 10".utf8))

        // The unprotected header is not signed: changing it leaves the signature valid. That is
        // why it is exposed read-only and never part of a VerifiedJWS.
        let unprotectedChanged = try JWSJSON(
            parsing: text.replacingOccurrences(of: "\"kid\":\"a\"", with: "\"kid\":\"b\",\"x\":1"))
        #expect(unprotectedChanged.signatures[0].unprotectedHeader["kid"] == .string("b"))
        #expect(try unprotectedChanged.verifySignature(at: 0, key: esVerifier).payload == Array("pay 10".utf8))

        // Signature values swapped between entries: each fails at its index.
        let swapped = text.replacingOccurrences(
            of: Base64URL.encode(jws.signatures[0].signature), with: "SWAP0"
        ).replacingOccurrences(of: Base64URL.encode(jws.signatures[1].signature), with: "SWAP1")
        let swappedBack = swapped.replacingOccurrences(
            of: "SWAP0", with: Base64URL.encode(jws.signatures[1].signature)
        ).replacingOccurrences(of: "SWAP1", with: Base64URL.encode(jws.signatures[0].signature))
        let crossed = try JWSJSON(parsing: swappedBack)
        #expect(throws: JWSError.self) { try crossed.verifySignature(at: 0, key: esVerifier) }
        #expect(throws: JWSError.self) { try crossed.verifySignature(at: 1, key: edVerifier) }
    }

    /// A signature timestamp travels in the unprotected header (JAdES `etsiU`): it survives
    /// serialisation, is readable, and changing it does not affect the signature (a later layer
    /// verifies it against the signature value).
    @Test func timestampInUnprotectedHeader() async throws {
        let (es, esVerifier) = try Self.keyPair(.es256)
        let jws = try await JWSJSON.sign(
            payload: Array("doc".utf8),
            signers: [
                (
                    key: es, header: JWSHeader(algorithm: .es256),
                    unprotected: ["etsiU": .array([.string(Base64URL.encode(Array("{\"sigTst\":{}}".utf8)))])]
                )
            ])
        let parsed = try JWSJSON(parsing: try jws.jsonBytes(flattened: true))
        #expect(parsed.signatures[0].unprotectedHeader["etsiU"] != nil)
        #expect(try parsed.verifySignature(at: 0, key: esVerifier).payload == Array("doc".utf8))
    }

    @Test func strictParsing() async throws {
        let (es, _) = try Self.keyPair(.es256)
        let jws = try await JWSJSON.sign(
            payload: [1, 2, 3],
            signers: [(key: es, header: JWSHeader(algorithm: .es256, keyID: "a"), unprotected: ["x": .bool(true)])])
        let protected = jws.signatures[0].protectedSegment
        let signature = Base64URL.encode(jws.signatures[0].signature)
        let entry = "{\"protected\":\"\(protected)\",\"signature\":\"\(signature)\"}"
        func parse(_ text: String, limit: Int = JWSJSON.defaultLimit) throws(JWSError) -> JWSJSON {
            try JWSJSON(parsing: text, limit: limit)
        }
        #expect(try parse("{\"payload\":\"AQID\",\"signatures\":[\(entry)]}").signatures.count == 1)

        // Duplicate names across protected and unprotected headers (RFC 7515 section 7.2.1).
        #expect(throws: JWSError.duplicateHeaderMember("kid")) {
            try parse(
                "{\"payload\":\"AQID\",\"protected\":\"\(protected)\",\"header\":{\"kid\":\"b\"},\"signature\":\"\(signature)\"}"
            )
        }
        #expect(throws: JWSError.duplicateHeaderMember("alg")) {
            try parse(
                "{\"payload\":\"AQID\",\"protected\":\"\(protected)\",\"header\":{\"alg\":\"ES256\"},\"signature\":\"\(signature)\"}"
            )
        }
        // crit and b64 must be protected.
        #expect(throws: JWSError.duplicateHeaderMember("crit")) {
            try parse(
                "{\"payload\":\"AQID\",\"protected\":\"\(protected)\",\"header\":{\"crit\":[\"x\"]},\"signature\":\"\(signature)\"}"
            )
        }
        #expect(throws: JWSError.duplicateHeaderMember("b64")) {
            try parse(
                "{\"payload\":\"AQID\",\"protected\":\"\(protected)\",\"header\":{\"b64\":false},\"signature\":\"\(signature)\"}"
            )
        }
        // Duplicate JSON members.
        #expect(throws: JWSError.self) {
            try parse("{\"payload\":\"AQID\",\"payload\":\"AQID\",\"signatures\":[\(entry)]}")
        }
        // b64 without crit in a protected header.
        let notCritical = Base64URL.encode(Array("{\"alg\":\"ES256\",\"b64\":false}".utf8))
        #expect(throws: JWSError.unencodedPayloadNotCritical) {
            try parse("{\"payload\":\"x\",\"protected\":\"\(notCritical)\",\"signature\":\"\(signature)\"}")
        }
        // Signatures disagreeing on b64 share one payload member: refused.
        let unencoded = Base64URL.encode(Array("{\"alg\":\"ES256\",\"b64\":false,\"crit\":[\"b64\"]}".utf8))
        #expect(throws: JWSError.self) {
            try parse(
                "{\"payload\":\"AQID\",\"signatures\":[\(entry),{\"protected\":\"\(unencoded)\",\"signature\":\"\(signature)\"}]}"
            )
        }
        // Unknown or misplaced members, wrong types, missing parts.
        let malformed = [
            "{\"payload\":\"AQID\",\"signatures\":[\(entry)],\"extra\":1}",
            "{\"payload\":\"AQID\",\"signatures\":[\(entry)],\"signature\":\"\(signature)\"}",
            "{\"payload\":\"AQID\",\"signatures\":[{\"protected\":\"\(protected)\",\"signature\":\"\(signature)\",\"x\":1}]}",
            "{\"payload\":\"AQID\",\"signatures\":[]}",
            "{\"payload\":\"AQID\",\"signatures\":{}}",
            "{\"payload\":\"AQID\",\"signatures\":[\"\(signature)\"]}",
            "{\"payload\":1,\"signatures\":[\(entry)]}",
            "{\"payload\":\"AQID\",\"signature\":\"\(signature)\"}",
            "{\"payload\":\"AQID\",\"protected\":\"\",\"signature\":\"\(signature)\"}",
            "{\"payload\":\"AQID\",\"protected\":\"\(protected)\"}",
            "{\"payload\":\"AQID\",\"protected\":\"\(protected)\",\"header\":{},\"signature\":\"\(signature)\"}",
            "{\"payload\":\"AQID\",\"protected\":\"\(protected)\",\"header\":[],\"signature\":\"\(signature)\"}",
            "{\"payload\":\"AQID=\",\"signatures\":[\(entry)]}",
            "{\"payload\":\"AQID\",\"protected\":\"\(protected)=\",\"signature\":\"\(signature)\"}",
            "{\"payload\":\"AQID\",\"protected\":\"\(protected)\",\"signature\":\"\(signature)=\"}",
            "[\(entry)]",
            "\(protected).AQID.\(signature)",
        ]
        for text in malformed {
            #expect(throws: JWSError.self, "\(text)") { try parse(text) }
        }
        // alg none in the protected header.
        let none = Base64URL.encode(Array("{\"alg\":\"none\"}".utf8))
        #expect(throws: JWSError.unsecuredAlgorithm) {
            try parse("{\"payload\":\"AQID\",\"protected\":\"\(none)\",\"signature\":\"\"}")
        }

        // Too many signatures.
        let many = Array(repeating: entry, count: JWSJSON.maximumSignatures + 1).joined(separator: ",")
        #expect(throws: JWSError.tooManySignatures(limit: 64)) {
            try parse("{\"payload\":\"AQID\",\"signatures\":[\(many)]}")
        }
        let enough = Array(repeating: entry, count: JWSJSON.maximumSignatures).joined(separator: ",")
        #expect(try parse("{\"payload\":\"AQID\",\"signatures\":[\(enough)]}").signatures.count == 64)

        // Oversized input.
        let text = String(decoding: try jws.jsonBytes(), as: UTF8.self)
        #expect(throws: JWSError.tooLarge(limit: 100)) { try parse(text, limit: 100) }
        #expect(throws: JWSError.self) { try parse(text + String(repeating: " ", count: 64), limit: text.utf8.count) }
    }

    @Test func signingRefusesWhatParsingWouldRefuse() async throws {
        let (es, _) = try Self.keyPair(.es256)
        let (ed, _) = try Self.keyPair(.edDSA)
        // Unprotected members overlapping the protected header, or that must be protected.
        for name in ["alg", "kid", "crit", "b64"] {
            await #expect(throws: JWSError.duplicateHeaderMember(name)) {
                try await JWSJSON.sign(
                    payload: [1],
                    signers: [(key: es, header: JWSHeader(algorithm: .es256, keyID: "a"), unprotected: [name: .null])])
            }
        }
        // Header algorithm differs from the key's.
        await #expect(throws: JWSError.algorithmNotAllowed("EdDSA")) {
            try await JWSJSON.sign(
                payload: [1], signers: [(key: es, header: JWSHeader(algorithm: .edDSA), unprotected: [:])])
        }
        // No signers; signers disagreeing on b64.
        await #expect(throws: JWSError.self) { try await JWSJSON.sign(payload: [1], signers: []) }
        await #expect(throws: JWSError.self) {
            try await JWSJSON.sign(
                payload: [1],
                signers: [
                    (key: es, header: JWSHeader(algorithm: .es256), unprotected: [:]),
                    (key: ed, header: JWSHeader(algorithm: .edDSA, base64EncodePayload: false), unprotected: [:]),
                ])
        }
        // An unencoded attached payload must be UTF-8 to be a JSON string; detached it may be anything.
        let header = JWSHeader(algorithm: .es256, base64EncodePayload: false)
        await #expect(throws: JWSError.self) {
            try await JWSJSON.sign(payload: [0xFF, 0xFE], signers: [(key: es, header: header, unprotected: [:])])
        }
        let detached = try await JWSJSON.sign(
            payload: [0xFF, 0xFE], signers: [(key: es, header: header, unprotected: [:])], detached: true)
        #expect(detached.isDetached)
        // Co-signing with another b64 value, and past the signature limit.
        await #expect(throws: JWSError.self) {
            try await detached.addingSignature(
                key: ed, header: JWSHeader(algorithm: .edDSA), detachedPayload: [0xFF, 0xFE])
        }
        var full = detached
        full.signatures = Array(repeating: detached.signatures[0], count: JWSJSON.maximumSignatures)
        await #expect(throws: JWSError.tooManySignatures(limit: 64)) {
            try await full.addingSignature(key: es, header: header, detachedPayload: [0xFF, 0xFE])
        }
        // Flattened output needs exactly one signature.
        let two = try await detached.addingSignature(key: es, header: header, detachedPayload: [0xFF, 0xFE])
        #expect(throws: JWSError.self) { try two.jsonBytes(flattened: true) }
        #expect(try JWSJSON(parsing: try two.jsonBytes()).signatures.count == 2)
        // The unverified payload accessor never guesses.
        #expect(two.payload(detachedPayload: nil) == nil)
        #expect(two.payload(detachedPayload: [0xFF, 0xFE]) == [0xFF, 0xFE])
    }
}
