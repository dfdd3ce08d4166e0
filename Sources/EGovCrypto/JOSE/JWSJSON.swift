import EGovCore
import Foundation

/// A JWS in the JSON serialisation (RFC 7515 section 7.2), general or flattened, with one or
/// more signatures over the same payload. Parsed values are **not verified**: verify each
/// signature with ``verifySignature(at:key:policy:detachedPayload:)``.
///
/// Parsing is strict:
/// - the general form has only `payload` and `signatures`; the flattened form only `payload`,
///   `protected`, `header` and `signature`; a signature object only `protected`, `header` and
///   `signature`. RFC 7515 section 7.2.1 lets recipients ignore other members; EGovKit refuses
///   them, because nothing covers them and a later layer could mistake them for signed data;
/// - every signature has a protected header with `alg` (RFC 7515 allows `alg` unprotected;
///   EGovKit does not), parsed like the compact form's (duplicate members refused, `crit`
///   checked, `alg: none` refused);
/// - `header`, when present, is a non-empty JSON object whose member names do not appear in the
///   protected header (RFC 7515 section 7.2.1: the header sets are disjoint), and it never
///   carries `crit` or `b64`, which must be integrity protected;
/// - at most ``maximumSignatures`` signatures, all with the same `b64` value (they share the
///   payload member);
/// - the payload, when attached, is strict base64url, or with `b64: false` (RFC 7797) the
///   payload itself as a JSON string. Such a payload is therefore always valid UTF-8 (the JSON
///   parser refuses invalid UTF-8 and lone surrogates); signing an unencoded attached payload
///   that is not UTF-8 is refused, while a detached one may be any bytes.
///
/// The unprotected header (``Signature/unprotectedHeader``) is **not** covered by any signature:
/// anyone can change it without invalidating the JWS. A signature timestamp placed there (the
/// JAdES `etsiU` array, or a `tst` member carrying an RFC 3161 token) must be verified on its
/// own by a later layer, against the signature value it timestamps.
public struct JWSJSON: Sendable, Hashable {
    /// One signature: its protected header exactly as transmitted, its unprotected header and
    /// its value.
    public struct Signature: Sendable, Hashable {
        /// The protected header, parsed from ``protectedSegment``.
        public let protectedHeader: JWSHeader
        /// The protected header exactly as transmitted (base64url text); the signing input uses
        /// this text as-is, never a re-serialisation.
        public let protectedSegment: String
        /// The unprotected header (the `header` member): **not** covered by the signature. Empty
        /// when absent.
        public let unprotectedHeader: [String: JSONValue]
        /// The signature value in its JOSE form (r‖s for ECDSA and SM2).
        public let signature: [UInt8]

        init(
            protectedHeader: JWSHeader, protectedSegment: String, unprotectedHeader: [String: JSONValue],
            signature: [UInt8]
        ) {
            self.protectedHeader = protectedHeader
            self.protectedSegment = protectedSegment
            self.unprotectedHeader = unprotectedHeader
            self.signature = signature
        }

        /// Parses one signature from the members of a signature object (or a flattened JWS).
        init(parsing members: [String: JSONValue]) throws(JWSError) {
            guard let protectedValue = members["protected"] else {
                throw .invalidJSONSerialization("a signature has no protected header (alg must be protected)")
            }
            guard case .string(let segment) = protectedValue, !segment.isEmpty else {
                throw .invalidJSONSerialization("protected is not a non-empty string")
            }
            let headerBytes: [UInt8]
            do {
                headerBytes = try Base64URL.decode(segment, limit: JWSJSON.maximumProtectedSegmentLength)
            } catch {
                throw .invalidBase64URL(segment: "protected")
            }
            let header = try JWSHeader(parsing: headerBytes)
            var unprotected: [String: JSONValue] = [:]
            if let value = members["header"] {
                guard case .object(let object) = value, !object.isEmpty else {
                    throw .invalidJSONSerialization("header is not a non-empty JSON object")
                }
                unprotected = object
            }
            try JWSJSON.checkDisjoint(unprotected: unprotected, protected: header.members)
            guard let signatureValue = members["signature"] else {
                throw .invalidJSONSerialization("a signature has no signature member")
            }
            guard case .string(let signatureText) = signatureValue else {
                throw .invalidJSONSerialization("signature is not a string")
            }
            let signatureBytes: [UInt8]
            do {
                signatureBytes = try Base64URL.decode(signatureText)
            } catch {
                throw .invalidBase64URL(segment: "signature")
            }
            self.init(
                protectedHeader: header, protectedSegment: segment, unprotectedHeader: unprotected,
                signature: signatureBytes)
        }
    }

    /// The most signatures accepted in one JWS.
    public static let maximumSignatures = 64
    /// The default size limit for `init(parsing:limit:)`: 16 MiB.
    public static let defaultLimit = 16 << 20
    /// The longest accepted protected-header segment (its decoded JSON is limited to 64 KiB).
    static let maximumProtectedSegmentLength = 88 * 1024

    /// The `payload` member's text: base64url for `b64: true`, the payload itself for
    /// `b64: false`; `nil` when the payload is detached.
    public var payloadSegment: String?
    /// The signatures, in serialisation order. An index keeps naming the same signature however
    /// the others are reordered, added or removed.
    public var signatures: [Signature]

    /// Whether the payload is detached (no `payload` member).
    public var isDetached: Bool { payloadSegment == nil }

    /// The signatures' `b64` value (`true` when there are no signatures).
    public var base64EncodePayload: Bool { signatures.first?.protectedHeader.base64EncodePayload ?? true }

    init(payloadSegment: String?, signatures: [Signature]) {
        self.payloadSegment = payloadSegment
        self.signatures = signatures
    }

    /// Parses a general or flattened JWS JSON serialisation (UTF-8), strictly (see ``JWSJSON``).
    ///
    /// - Parameters:
    ///   - bytes: the JSON text.
    ///   - limit: the largest accepted input in bytes.
    /// - Throws: ``JWSError/tooLarge(limit:)``, ``JWSError/tooManySignatures(limit:)``,
    ///   ``JWSError/invalidJSONSerialization(_:)``, ``JWSError/duplicateHeaderMember(_:)`` or a
    ///   header or encoding error.
    public init(parsing bytes: [UInt8], limit: Int = JWSJSON.defaultLimit) throws(JWSError) {
        guard bytes.count <= limit else { throw .tooLarge(limit: limit) }
        let value: JSONValue
        do {
            value = try JSONValue.parse(
                bytes, limits: .init(maximumBytes: limit, maximumDepth: 32, maximumStringBytes: limit))
        } catch {
            throw .invalidJSONSerialization(error.reason)
        }
        guard case .object(let top) = value else { throw .invalidJSONSerialization("not a JSON object") }
        var parsed: [Signature] = []
        if let list = top["signatures"] {
            try Self.requireOnly(["payload", "signatures"], in: top, what: "the general serialization")
            guard case .array(let items) = list, !items.isEmpty else {
                throw .invalidJSONSerialization("signatures is not a non-empty array")
            }
            guard items.count <= Self.maximumSignatures else {
                throw .tooManySignatures(limit: Self.maximumSignatures)
            }
            for item in items {
                guard case .object(let members) = item else {
                    throw .invalidJSONSerialization("a signature is not a JSON object")
                }
                try Self.requireOnly(["protected", "header", "signature"], in: members, what: "a signature")
                parsed.append(try Signature(parsing: members))
            }
        } else {
            try Self.requireOnly(
                ["payload", "protected", "header", "signature"], in: top, what: "the flattened serialization")
            parsed.append(try Signature(parsing: top))
        }
        try Self.checkSameEncoding(parsed)
        if let payloadValue = top["payload"] {
            guard case .string(let text) = payloadValue else {
                throw .invalidJSONSerialization("payload is not a string")
            }
            if parsed[0].protectedHeader.base64EncodePayload {
                do { _ = try Base64URL.decode(text, limit: limit) } catch {
                    throw .invalidBase64URL(segment: "payload")
                }
            }
            payloadSegment = text
        } else {
            payloadSegment = nil
        }
        signatures = parsed
    }

    /// Parses a general or flattened JWS JSON serialisation; see `init(parsing:limit:)`.
    public init(parsing text: String, limit: Int = JWSJSON.defaultLimit) throws(JWSError) {
        try self.init(parsing: Array(text.utf8), limit: limit)
    }

    /// Signs `payload` once per signer and returns the JSON serialisation.
    ///
    /// - Parameters:
    ///   - payload: the payload bytes.
    ///   - signers: each signer's key, protected header (its algorithm must be the key's) and
    ///     unprotected header (not signed; its member names must not appear in the protected
    ///     header, and it may not carry `crit` or `b64`). All headers must agree on `b64`.
    ///   - detached: `true` to omit the `payload` member.
    /// - Throws: a ``JWSError`` for an unusable signer list, header or payload, or whatever a key
    ///   throws.
    public static func sign(
        payload: [UInt8], signers: [(key: any SigningKey, header: JWSHeader, unprotected: [String: JSONValue])],
        detached: Bool = false
    ) async throws -> JWSJSON {
        guard let first = signers.first else { throw JWSError.invalidJSONSerialization("no signers") }
        guard signers.count <= maximumSignatures else { throw JWSError.tooManySignatures(limit: maximumSignatures) }
        let encodes = first.header.base64EncodePayload
        guard signers.allSatisfy({ $0.header.base64EncodePayload == encodes }) else {
            throw JWSError.invalidJSONSerialization("all signatures must have the same b64 value")
        }
        var result = JWSJSON(payloadSegment: nil, signatures: [])
        if !detached {
            if encodes {
                result.payloadSegment = Base64URL.encode(payload)
            } else {
                guard let text = String(validating: payload, as: UTF8.self) else {
                    throw JWSError.invalidPayload("an unencoded attached payload must be UTF-8 to be a JSON string")
                }
                result.payloadSegment = text
            }
        }
        for signer in signers {
            result.signatures.append(
                try await makeSignature(
                    key: signer.key, header: signer.header, unprotected: signer.unprotected, payload: payload))
        }
        return result
    }

    /// Returns this JWS with one more signature over the same payload (co-signing).
    ///
    /// The existing signatures are kept as they are (they are not verified here). The new header
    /// must have the same `b64` value as the existing signatures.
    ///
    /// - Parameters:
    ///   - key: the co-signer's key.
    ///   - header: the co-signer's protected header.
    ///   - unprotected: the co-signer's unprotected header (not signed).
    ///   - detachedPayload: the payload, when it is detached; `nil` when it is attached.
    public func addingSignature(
        key: any SigningKey, header: JWSHeader, unprotected: [String: JSONValue] = [:],
        detachedPayload: [UInt8]? = nil
    ) async throws -> JWSJSON {
        guard signatures.count < Self.maximumSignatures else {
            throw JWSError.tooManySignatures(limit: Self.maximumSignatures)
        }
        if let existing = signatures.first,
            existing.protectedHeader.base64EncodePayload != header.base64EncodePayload
        {
            throw JWSError.invalidJSONSerialization("all signatures must have the same b64 value")
        }
        let payload = try resolvedPayload(
            detachedPayload: detachedPayload, base64EncodePayload: header.base64EncodePayload)
        var result = self
        result.signatures.append(
            try await Self.makeSignature(key: key, header: header, unprotected: unprotected, payload: payload))
        return result
    }

    /// Returns this JWS with the unprotected header of the signature at `index` replaced, e.g. to
    /// add a signature time-stamp, which can only be made after the signature value exists.
    ///
    /// The unprotected header is not covered by the signature, so no signature changes; the same
    /// rules as for parsing apply (disjoint from the protected header; no `crit` or `b64`).
    public func settingUnprotectedHeader(_ header: [String: JSONValue], at index: Int) throws(JWSError) -> JWSJSON {
        guard signatures.indices.contains(index) else { throw .noSuchSignature(index: index) }
        let old = signatures[index]
        try Self.checkDisjoint(unprotected: header, protected: old.protectedHeader.members)
        var result = self
        result.signatures[index] = Signature(
            protectedHeader: old.protectedHeader, protectedSegment: old.protectedSegment, unprotectedHeader: header,
            signature: old.signature)
        return result
    }

    /// Verifies the signature at `index` with `key` and applies `policy` to its protected header.
    ///
    /// Only the protected header and the payload are verified; ``Signature/unprotectedHeader``
    /// is not, and does not appear in the result. `policy.maximumLength` does not apply here
    /// (the size was limited when parsing).
    ///
    /// - Parameters:
    ///   - index: the signature's position in ``signatures``.
    ///   - key: the verification key; the protected `alg` must be its algorithm.
    ///   - policy: further requirements.
    ///   - detachedPayload: the payload when it is detached; must be `nil` otherwise.
    public func verifySignature(
        at index: Int, key: any VerificationKey, policy: JWSVerificationPolicy = .init(),
        detachedPayload: [UInt8]? = nil
    ) throws(JWSError) -> VerifiedJWS {
        guard signatures.indices.contains(index) else { throw .noSuchSignature(index: index) }
        let entry = signatures[index]
        let header = entry.protectedHeader
        let payload = try resolvedPayload(
            detachedPayload: detachedPayload, base64EncodePayload: header.base64EncodePayload)
        var input = Array(entry.protectedSegment.utf8)
        input.append(UInt8(ascii: "."))
        if let payloadSegment {
            input.append(contentsOf: payloadSegment.utf8)
        } else if header.base64EncodePayload {
            input.append(contentsOf: Base64URL.encode(payload).utf8)
        } else {
            input.append(contentsOf: payload)
        }
        try JWS.checkSignature(
            header: header, signingInput: input, signature: entry.signature, key: key, policy: policy)
        return VerifiedJWS(header: header, payload: payload)
    }

    /// Verifies the signature at `index` with the key from `keySet` named by its `kid` (from the
    /// protected header, else from the unprotected one, which only selects the key: the key
    /// stays bound to its algorithm and must verify the signature).
    public func verifySignature(
        at index: Int, keySet: JWSKeySet, policy: JWSVerificationPolicy = .init(), detachedPayload: [UInt8]? = nil
    ) throws(JWSError) -> VerifiedJWS {
        guard signatures.indices.contains(index) else { throw .noSuchSignature(index: index) }
        let entry = signatures[index]
        var keyID = entry.protectedHeader.keyID
        if keyID == nil, case .string(let unprotectedID)? = entry.unprotectedHeader["kid"] { keyID = unprotectedID }
        let key = try keySet.key(keyID: keyID, algorithm: entry.protectedHeader.algorithm)
        return try verifySignature(at: index, key: key, policy: policy, detachedPayload: detachedPayload)
    }

    /// The payload, **unverified**: the attached one, or `detachedPayload` when the payload is
    /// detached. `nil` when it is detached and `detachedPayload` is `nil`, when both are present,
    /// or when the attached payload is not strict base64url (for `b64: true`).
    public func payload(detachedPayload: [UInt8]?) -> [UInt8]? {
        try? resolvedPayload(detachedPayload: detachedPayload, base64EncodePayload: base64EncodePayload)
    }

    /// The JSON serialisation as canonical JSON (RFC 8785) bytes.
    ///
    /// - Parameter flattened: `true` for the flattened form, which needs exactly one signature.
    /// - Throws: ``JWSError/invalidJSONSerialization(_:)`` for no signatures, a flattened form
    ///   with other than one signature or signatures that disagree on `b64`;
    ///   `CanonicalJSON/SerializationError` for a non-finite number in an unprotected header.
    public func jsonBytes(flattened: Bool = false) throws -> [UInt8] {
        guard !signatures.isEmpty else { throw JWSError.invalidJSONSerialization("no signatures") }
        if flattened, signatures.count != 1 {
            throw JWSError.invalidJSONSerialization("the flattened serialization carries exactly one signature")
        }
        try Self.checkSameEncoding(signatures)
        func object(for entry: Signature) -> [String: JSONValue] {
            var members: [String: JSONValue] = [
                "protected": .string(entry.protectedSegment), "signature": .string(Base64URL.encode(entry.signature)),
            ]
            if !entry.unprotectedHeader.isEmpty { members["header"] = .object(entry.unprotectedHeader) }
            return members
        }
        var top: [String: JSONValue]
        if flattened, let only = signatures.first {
            top = object(for: only)
        } else {
            top = ["signatures": .array(signatures.map { .object(object(for: $0)) })]
        }
        if let payloadSegment { top["payload"] = .string(payloadSegment) }
        return try CanonicalJSON.serialize(.object(top))
    }

    // MARK: - Internals

    /// The payload bytes, from the attached segment or the detached payload.
    func resolvedPayload(detachedPayload: [UInt8]?, base64EncodePayload: Bool) throws(JWSError) -> [UInt8] {
        guard let payloadSegment else {
            guard let detachedPayload else { throw .missingPayload }
            return detachedPayload
        }
        guard detachedPayload == nil else { throw .payloadConflict }
        guard base64EncodePayload else { return Array(payloadSegment.utf8) }
        do {
            // The text was size-limited when parsed (or set by the caller): no second limit here.
            return try Base64URL.decode(payloadSegment, limit: payloadSegment.utf8.count)
        } catch {
            throw .invalidBase64URL(segment: "payload")
        }
    }

    static func makeSignature(
        key: any SigningKey, header: JWSHeader, unprotected: [String: JSONValue], payload: [UInt8]
    ) async throws -> Signature {
        guard header.algorithm == key.algorithm else { throw JWSError.algorithmNotAllowed(header.algorithm.rawValue) }
        let (segment, parsedHeader) = try JWS.encodeProtectedHeader(header)
        try checkDisjoint(unprotected: unprotected, protected: parsedHeader.members)
        let input = JWS.signingInput(
            protectedSegment: segment, payload: payload, base64EncodePayload: parsedHeader.base64EncodePayload)
        let native = try await key.sign(input)
        let signature = try JWS.joseSignature(fromNative: native, algorithm: key.algorithm)
        return Signature(
            protectedHeader: parsedHeader, protectedSegment: segment, unprotectedHeader: unprotected,
            signature: signature)
    }

    /// RFC 7515 section 7.2.1: protected and unprotected member names are disjoint; `crit`
    /// (RFC 7515 section 4.1.11) and `b64` (RFC 7797 section 3) must be integrity protected.
    static func checkDisjoint(unprotected: [String: JSONValue], protected: [String: JSONValue]) throws(JWSError) {
        for name in unprotected.keys.sorted() where protected[name] != nil || name == "crit" || name == "b64" {
            throw .duplicateHeaderMember(name)
        }
    }

    static func checkSameEncoding(_ signatures: [Signature]) throws(JWSError) {
        guard let first = signatures.first else { return }
        let encodes = first.protectedHeader.base64EncodePayload
        for entry in signatures where entry.protectedHeader.base64EncodePayload != encodes {
            throw .invalidJSONSerialization("all signatures must have the same b64 value")
        }
    }

    static func requireOnly(_ allowed: Set<String>, in members: [String: JSONValue], what: String) throws(JWSError) {
        for name in members.keys.sorted() where !allowed.contains(name) {
            throw .invalidJSONSerialization("\(what) has an unexpected member \(name)")
        }
    }
}
