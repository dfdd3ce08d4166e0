import EGovCore
import Foundation

/// JSON Web Signature in the compact serialisation (RFC 7515 section 7.1), signed and verified
/// through EGovCrypto.
///
/// Verification is strict: exactly three strict-base64url segments, a JSON-object header without
/// duplicate members, `alg` equal to the algorithm the verification key is bound to (there is no
/// way to verify with "whatever the header says"), `alg: none` refused, `crit` honoured, an
/// optional expected `typ`, and a signature of exactly the algorithm's JOSE length (ECDSA and
/// SM2 use the fixed-size r‖s form of RFC 7518 section 3.4).
public enum JWS {
    /// Signs `payload` and returns the compact serialisation.
    ///
    /// With `header.base64EncodePayload == false` (RFC 7797) the signing input is
    /// `ASCII(BASE64URL(header)) || '.' || payload`; an attached unencoded payload must then be
    /// valid UTF-8 without `.` (RFC 7797 section 5.2), which a detached one need not be.
    ///
    /// - Parameters:
    ///   - payload: the payload bytes.
    ///   - header: the protected header; its algorithm must be the key's.
    ///   - key: the signing key.
    ///   - detached: `true` to leave the payload segment empty (`header..signature`, RFC 7515
    ///     appendix F); the verifier then supplies the payload.
    /// - Throws: ``JWSError/algorithmNotAllowed(_:)`` if the header's algorithm differs from the
    ///   key's, ``JWSError/invalidPayload(_:)`` for an unencoded payload the compact form cannot
    ///   carry, another ``JWSError`` if the header would not parse back, or whatever the signing
    ///   key throws.
    public static func sign(
        payload: some DataProtocol, header: JWSHeader, key: some SigningKey, detached: Bool = false
    ) async throws -> String {
        guard header.algorithm == key.algorithm else { throw JWSError.algorithmNotAllowed(header.algorithm.rawValue) }
        let bytes = payload.egovBytes
        let (protectedSegment, checkedHeader) = try encodeProtectedHeader(header)
        var payloadSegment = ""
        if !detached {
            if checkedHeader.base64EncodePayload {
                payloadSegment = Base64URL.encode(bytes)
            } else {
                guard !bytes.contains(UInt8(ascii: ".")) else {
                    throw JWSError.invalidPayload(
                        "an unencoded payload in an attached compact JWS may not contain '.' (RFC 7797 section 5.2)")
                }
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw JWSError.invalidPayload("an unencoded payload in an attached compact JWS must be UTF-8")
                }
                payloadSegment = text
            }
        }
        let input = signingInput(
            protectedSegment: protectedSegment, payload: bytes,
            base64EncodePayload: checkedHeader.base64EncodePayload)
        let native = try await key.sign(input)
        let signature = try joseSignature(fromNative: native, algorithm: key.algorithm)
        return protectedSegment + "." + payloadSegment + "." + Base64URL.encode(signature)
    }

    /// Verifies a compact JWS with one key.
    ///
    /// A detached JWS (empty payload segment) is refused with ``JWSError/missingPayload``; use
    /// ``verify(_:detachedPayload:key:policy:)`` for it.
    public static func verify(
        _ compact: String, key: any VerificationKey, policy: JWSVerificationPolicy = .init()
    ) throws(JWSError) -> VerifiedJWS {
        try verify(compact, detachedPayload: nil, key: key, policy: policy)
    }

    /// Verifies a compact JWS with one key, supplying the payload when it is detached.
    ///
    /// - Parameters:
    ///   - compact: the compact serialisation.
    ///   - detachedPayload: the payload of a detached JWS (empty payload segment), or `nil` for an
    ///     attached one. Supplying a payload for an attached JWS is refused
    ///     (``JWSError/payloadConflict``), as is omitting it for a detached one
    ///     (``JWSError/missingPayload``).
    ///   - key: the verification key; the header's `alg` must be its algorithm.
    ///   - policy: further requirements.
    public static func verify(
        _ compact: String, detachedPayload: [UInt8]?, key: any VerificationKey,
        policy: JWSVerificationPolicy = .init()
    ) throws(JWSError) -> VerifiedJWS {
        try CompactJWS(parsing: compact, limit: policy.maximumLength).verified(
            with: key, policy: policy, detachedPayload: detachedPayload)
    }

    /// Verifies a compact JWS with the key from `keySet` that its `kid` names.
    public static func verify(
        _ compact: String, keySet: JWSKeySet, policy: JWSVerificationPolicy = .init()
    ) throws(JWSError) -> VerifiedJWS {
        try verify(compact, detachedPayload: nil, keySet: keySet, policy: policy)
    }

    /// Verifies a compact JWS with the key from `keySet` that its `kid` names, supplying the
    /// payload when it is detached (see ``verify(_:detachedPayload:key:policy:)``).
    public static func verify(
        _ compact: String, detachedPayload: [UInt8]?, keySet: JWSKeySet, policy: JWSVerificationPolicy = .init()
    ) throws(JWSError) -> VerifiedJWS {
        let parsed = try CompactJWS(parsing: compact, limit: policy.maximumLength)
        let key = try keySet.key(for: parsed.header)
        return try parsed.verified(with: key, policy: policy, detachedPayload: detachedPayload)
    }

    /// The JWS signing input (RFC 7515 section 5.1 step 5, RFC 7797 section 3):
    /// `ASCII(protectedSegment) || '.' || ASCII(BASE64URL(payload))`, or
    /// `ASCII(protectedSegment) || '.' || payload` when `base64EncodePayload` is `false`.
    ///
    /// - Parameters:
    ///   - protectedSegment: the protected header exactly as transmitted (base64url text).
    ///   - payload: the payload bytes (not encoded).
    ///   - base64EncodePayload: the header's `b64` value.
    public static func signingInput(
        protectedSegment: String, payload: [UInt8], base64EncodePayload: Bool
    ) -> [UInt8] {
        var input = Array(protectedSegment.utf8)
        input.append(UInt8(ascii: "."))
        if base64EncodePayload {
            input.append(contentsOf: Base64URL.encode(payload).utf8)
        } else {
            input.append(contentsOf: payload)
        }
        return input
    }

    /// Serialises a header for signing and parses the result back, so that nothing is signed
    /// that a verifier would refuse. Returns the base64url segment and the parsed header.
    static func encodeProtectedHeader(_ header: JWSHeader) throws -> (segment: String, header: JWSHeader) {
        let bytes = try CanonicalJSON.serialize(.object(header.signingMembers))
        let parsed = try JWSHeader(parsing: bytes)
        return (Base64URL.encode(bytes), parsed)
    }

    /// Checks `header` against `key` and `policy`, then the signature over `signingInput`.
    static func checkSignature(
        header: JWSHeader, signingInput: [UInt8], signature: [UInt8], key: any VerificationKey,
        policy: JWSVerificationPolicy
    ) throws(JWSError) {
        guard header.algorithm == key.algorithm else { throw .algorithmNotAllowed(header.algorithm.rawValue) }
        if let critical = header.critical {
            // b64 (RFC 7797) is implemented here; every other extension needs the policy's consent.
            for name in critical where name != "b64" && !policy.understoodCriticalHeaders.contains(name) {
                throw .unsupportedCriticalHeader(name)
            }
        }
        guard policy.typeMatches(header.type) else {
            throw .unexpectedType(expected: policy.expectedType ?? "", found: header.type)
        }
        let native = try nativeSignature(fromJOSE: signature, algorithm: header.algorithm)
        let valid: Bool
        do {
            valid = try key.isValidSignature(native, for: signingInput)
        } catch {
            throw .algorithmNotAllowed(header.algorithm.rawValue)
        }
        guard valid else { throw .signatureInvalid }
    }

    /// Converts a signature from its native encoding (DER for ECDSA/SM2) to the JOSE encoding.
    static func joseSignature(fromNative native: [UInt8], algorithm: SignatureAlgorithm) throws(CryptoError) -> [UInt8]
    {
        guard let length = algorithm.componentLength else { return native }
        return try ECDSASignature.rawRepresentation(fromDER: native, componentLength: length)
    }

    /// Converts a JOSE signature to the native encoding, refusing wrong lengths.
    static func nativeSignature(fromJOSE jose: [UInt8], algorithm: SignatureAlgorithm) throws(JWSError) -> [UInt8] {
        if let length = algorithm.componentLength {
            do {
                return try ECDSASignature.derRepresentation(fromRaw: jose, componentLength: length)
            } catch {
                throw .malformedSignature(error.reason)
            }
        }
        if algorithm == .edDSA, jose.count != 64 {
            throw .malformedSignature("an Ed25519 signature is 64 bytes, got \(jose.count)")
        }
        return jose
    }
}

/// What a verifier requires of a JWS beyond a valid signature.
public struct JWSVerificationPolicy: Sendable, Hashable {
    /// The required `typ` (compared case-insensitively, with an optional `application/` prefix,
    /// as RFC 7515 section 4.1.9 says), or `nil` to accept any.
    public var expectedType: String?
    /// Extension header names this verifier understands when they are listed in `crit`.
    public var understoodCriticalHeaders: Set<String>
    /// Largest accepted compact serialisation in bytes.
    public var maximumLength: Int

    /// Creates a policy.
    public init(expectedType: String? = nil, understoodCriticalHeaders: Set<String> = [], maximumLength: Int = 1 << 20)
    {
        self.expectedType = expectedType
        self.understoodCriticalHeaders = understoodCriticalHeaders
        self.maximumLength = maximumLength
    }

    func typeMatches(_ found: String?) -> Bool {
        guard let expectedType else { return true }
        guard let found else { return false }
        func normalise(_ value: String) -> String {
            let lower = value.lowercased()
            return lower.hasPrefix("application/") ? String(lower.dropFirst("application/".count)) : lower
        }
        return normalise(expectedType) == normalise(found)
    }
}

/// A set of verification keys addressed by key ID, for verifiers that accept several signers or
/// key rotation. Each key stays bound to its own algorithm.
public struct JWSKeySet: Sendable {
    /// One key and its optional key ID.
    public struct Entry: Sendable {
        /// The `kid` this key answers to, or `nil`.
        public var keyID: String?
        /// The key.
        public var key: any VerificationKey

        /// Creates an entry.
        public init(keyID: String?, key: any VerificationKey) {
            self.keyID = keyID
            self.key = key
        }
    }

    /// The keys.
    public var entries: [Entry]

    /// Creates a key set.
    public init(_ entries: [Entry]) { self.entries = entries }

    /// The key for `header`: the one whose ID equals `kid`; without `kid`, the only key of the
    /// header's algorithm if there is exactly one.
    func key(for header: JWSHeader) throws(JWSError) -> any VerificationKey {
        try key(keyID: header.keyID, algorithm: header.algorithm)
    }

    /// The key named `keyID`; without one, the only key of `algorithm` if there is exactly one.
    func key(keyID: String?, algorithm: SignatureAlgorithm) throws(JWSError) -> any VerificationKey {
        if let kid = keyID {
            guard let entry = entries.first(where: { $0.keyID == kid }) else { throw .unknownKey(kid: kid) }
            return entry.key
        }
        let candidates = entries.filter { $0.key.algorithm == algorithm }
        guard candidates.count == 1, let only = candidates.first else { throw .unknownKey(kid: nil) }
        return only.key
    }
}

/// A compact JWS split and decoded but **not verified**: read its header to choose a key, then
/// call ``verified(with:policy:detachedPayload:)``. Its payload is deliberately not exposed.
///
/// An empty payload segment means the payload is detached (RFC 7515 appendix F, RFC 7797): the
/// verifier must supply it.
public struct CompactJWS: Sendable {
    /// The protected header.
    public let header: JWSHeader
    /// Whether the payload segment is empty, so that the payload must be supplied to verify.
    public let isDetached: Bool
    let protectedSegment: String
    let payloadSegment: String
    let payload: [UInt8]
    let signature: [UInt8]

    /// Splits and decodes a compact JWS.
    ///
    /// With `b64: false` (RFC 7797) an attached payload segment is the payload itself; it cannot
    /// contain `.`, since the JWS would not then have three segments.
    public init(parsing compact: String, limit: Int = 1 << 20) throws(JWSError) {
        guard compact.utf8.count <= limit else { throw .tooLarge(limit: limit) }
        let segments = compact.splitting(atASCII: UInt8(ascii: "."))
        guard segments.count == 3 else { throw .wrongSegmentCount(segments.count) }
        let headerBytes: [UInt8]
        do { headerBytes = try Base64URL.decode(segments[0]) } catch { throw .invalidBase64URL(segment: "header") }
        do { signature = try Base64URL.decode(segments[2]) } catch { throw .invalidBase64URL(segment: "signature") }
        header = try JWSHeader(parsing: headerBytes)
        protectedSegment = String(segments[0])
        payloadSegment = String(segments[1])
        isDetached = payloadSegment.isEmpty
        if isDetached {
            payload = []
        } else if header.base64EncodePayload {
            do { payload = try Base64URL.decode(payloadSegment) } catch { throw .invalidBase64URL(segment: "payload") }
        } else {
            payload = Array(payloadSegment.utf8)
        }
    }

    /// Verifies the signature with `key` and applies `policy`.
    ///
    /// - Parameters:
    ///   - key: the verification key; the header's `alg` must be its algorithm.
    ///   - policy: further requirements.
    ///   - detachedPayload: the payload when ``isDetached``; must be `nil` otherwise.
    /// - Throws: ``JWSError/missingPayload`` for a detached JWS without `detachedPayload`,
    ///   ``JWSError/payloadConflict`` for an attached one with it, or why verification failed.
    public func verified(
        with key: any VerificationKey, policy: JWSVerificationPolicy = .init(), detachedPayload: [UInt8]? = nil
    ) throws(JWSError) -> VerifiedJWS {
        let verifiedPayload: [UInt8]
        let input: [UInt8]
        if isDetached {
            guard let detachedPayload else { throw .missingPayload }
            verifiedPayload = detachedPayload
            input = JWS.signingInput(
                protectedSegment: protectedSegment, payload: detachedPayload,
                base64EncodePayload: header.base64EncodePayload)
        } else {
            guard detachedPayload == nil else { throw .payloadConflict }
            verifiedPayload = payload
            input = Array(protectedSegment.utf8) + [UInt8(ascii: ".")] + Array(payloadSegment.utf8)
        }
        try JWS.checkSignature(header: header, signingInput: input, signature: signature, key: key, policy: policy)
        return VerifiedJWS(header: header, payload: verifiedPayload)
    }
}

/// A JWS whose signature has been verified.
public struct VerifiedJWS: Sendable, Hashable {
    /// The protected header.
    public let header: JWSHeader
    /// The verified payload bytes.
    public let payload: [UInt8]
}
