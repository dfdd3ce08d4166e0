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
    /// - Throws: ``JWSError/algorithmNotAllowed(_:)`` if the header's algorithm differs from the
    ///   key's, or whatever the signing key throws.
    public static func sign(
        payload: some DataProtocol, header: JWSHeader, key: some SigningKey
    ) async throws -> String {
        guard header.algorithm == key.algorithm else { throw JWSError.algorithmNotAllowed(header.algorithm.rawValue) }
        let headerBytes = try CanonicalJSON.serialize(.object(header.members))
        let signingInput = Base64URL.encode(headerBytes) + "." + Base64URL.encode(payload.egovBytes)
        let native = try await key.sign(Array(signingInput.utf8))
        let signature = try joseSignature(fromNative: native, algorithm: key.algorithm)
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Verifies a compact JWS with one key.
    public static func verify(
        _ compact: String, key: any VerificationKey, policy: JWSVerificationPolicy = .init()
    ) throws(JWSError) -> VerifiedJWS {
        try CompactJWS(parsing: compact, limit: policy.maximumLength).verified(with: key, policy: policy)
    }

    /// Verifies a compact JWS with the key from `keySet` that its `kid` names.
    public static func verify(
        _ compact: String, keySet: JWSKeySet, policy: JWSVerificationPolicy = .init()
    ) throws(JWSError) -> VerifiedJWS {
        let parsed = try CompactJWS(parsing: compact, limit: policy.maximumLength)
        let key = try keySet.key(for: parsed.header)
        return try parsed.verified(with: key, policy: policy)
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
        if let kid = header.keyID {
            guard let entry = entries.first(where: { $0.keyID == kid }) else { throw .unknownKey(kid: kid) }
            return entry.key
        }
        let candidates = entries.filter { $0.key.algorithm == header.algorithm }
        guard candidates.count == 1, let only = candidates.first else { throw .unknownKey(kid: nil) }
        return only.key
    }
}

/// A compact JWS split and decoded but **not verified**: read its header to choose a key, then
/// call ``verified(with:policy:)``. Its payload is deliberately not exposed.
public struct CompactJWS: Sendable {
    /// The protected header.
    public let header: JWSHeader
    let payload: [UInt8]
    let signingInput: [UInt8]
    let signature: [UInt8]

    /// Splits and decodes a compact JWS.
    public init(parsing compact: String, limit: Int = 1 << 20) throws(JWSError) {
        guard compact.utf8.count <= limit else { throw .tooLarge(limit: limit) }
        let segments = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3 else { throw .wrongSegmentCount(segments.count) }
        let headerBytes: [UInt8]
        do { headerBytes = try Base64URL.decode(segments[0]) } catch { throw .invalidBase64URL(segment: "header") }
        do { payload = try Base64URL.decode(segments[1]) } catch { throw .invalidBase64URL(segment: "payload") }
        do { signature = try Base64URL.decode(segments[2]) } catch { throw .invalidBase64URL(segment: "signature") }
        header = try JWSHeader(parsing: headerBytes)
        signingInput = Array(segments[0].utf8) + [UInt8(ascii: ".")] + Array(segments[1].utf8)
    }

    /// Verifies the signature with `key` and applies `policy`.
    public func verified(with key: any VerificationKey, policy: JWSVerificationPolicy = .init()) throws(JWSError)
        -> VerifiedJWS
    {
        guard header.algorithm == key.algorithm else { throw .algorithmNotAllowed(header.algorithm.rawValue) }
        if let critical = header.critical {
            for name in critical where !policy.understoodCriticalHeaders.contains(name) {
                throw .unsupportedCriticalHeader(name)
            }
        }
        guard policy.typeMatches(header.type) else {
            throw .unexpectedType(expected: policy.expectedType ?? "", found: header.type)
        }
        let native = try JWS.nativeSignature(fromJOSE: signature, algorithm: header.algorithm)
        let valid: Bool
        do {
            valid = try key.isValidSignature(native, for: signingInput)
        } catch {
            throw .algorithmNotAllowed(header.algorithm.rawValue)
        }
        guard valid else { throw .signatureInvalid }
        return VerifiedJWS(header: header, payload: payload)
    }
}

/// A JWS whose signature has been verified.
public struct VerifiedJWS: Sendable, Hashable {
    /// The protected header.
    public let header: JWSHeader
    /// The verified payload bytes.
    public let payload: [UInt8]
}
