import EGovCore
import EGovCrypto
import Foundation

/// JWS compact serialisation (`header.payload.signature`), attached or detached: one signature.
///
/// Detects three dot-separated segments whose header and signature segments are base64url (the
/// payload segment may be unencoded, RFC 7797). A compact JWS has no unprotected header, so it
/// carries no time-stamp.
public struct JWSCompactFormatAdapter: SignatureFormatAdapter {
    /// Creates the adapter.
    public init() {}

    /// ``SignatureFormat/jwsCompact``.
    public var format: SignatureFormat { .jwsCompact }

    /// Three `.`-separated segments (surrounding white space ignored), the first non-empty, the
    /// first and the last base64url.
    public func detects(_ document: [UInt8]) -> Bool {
        let segments = SignatureBytes.trimmed(document).split(
            separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard segments.count == 3, let header = segments.first, let signature = segments.last, !header.isEmpty
        else { return false }
        return header.allSatisfy(SignatureBytes.isBase64URL) && signature.allSatisfy(SignatureBytes.isBase64URL)
    }

    /// Parses the JWS and verifies its signature with the `x5c` leaf certificate's key.
    public func evidence(in document: [UInt8], detached: [UInt8]?, sm2ID: SM2DistinguishingID) -> DocumentEvidence {
        guard let text = String(validating: SignatureBytes.trimmed(document), as: UTF8.self) else {
            return .formatFailure(.jwsCompact, "the compact JWS is not UTF-8 text")
        }
        let parsed: CompactJWS
        do {
            parsed = try CompactJWS(parsing: text, limit: JWSEvidence.maximumLength)
        } catch {
            return .formatFailure(.jwsCompact, error.reason)
        }
        var content: [UInt8]?
        let evidence = JWSEvidence.evidence(
            format: .jwsCompact, identifier: "signature-1", header: parsed.header, unprotected: [:],
            signatureValue: [], sm2ID: sm2ID
        ) { key throws(JWSError) in
            let verified = try parsed.verified(
                with: key, policy: JWSEvidence.policy, detachedPayload: parsed.isDetached ? detached : nil)
            if !parsed.isDetached { content = verified.payload }
        }
        return DocumentEvidence(format: .jwsCompact, signatures: [evidence], content: content)
    }
}

/// JWS JSON serialisation (general or flattened), attached or detached: one or more signatures.
///
/// Detects a JSON object (first non-white-space byte `{`). Signature time-stamps are JAdES
/// `sigTst` components of each signature's unprotected `etsiU` header.
public struct JWSJSONFormatAdapter: SignatureFormatAdapter {
    /// Creates the adapter.
    public init() {}

    /// ``SignatureFormat/jwsJSON``.
    public var format: SignatureFormat { .jwsJSON }

    /// The first byte other than white space is `{`.
    public func detects(_ document: [UInt8]) -> Bool {
        SignatureBytes.trimmed(document).first == UInt8(ascii: "{")
    }

    /// Parses the JWS and verifies each signature with its `x5c` leaf certificate's key.
    public func evidence(in document: [UInt8], detached: [UInt8]?, sm2ID: SM2DistinguishingID) -> DocumentEvidence {
        let jws: JWSJSON
        do {
            jws = try JWSJSON(parsing: Array(SignatureBytes.trimmed(document)))
        } catch {
            return .formatFailure(.jwsJSON, error.reason)
        }
        var signatures: [SignatureEvidence] = []
        for (index, signature) in jws.signatures.enumerated() {
            signatures.append(
                JWSEvidence.evidence(
                    format: .jwsJSON, identifier: "signature-\(index + 1)", header: signature.protectedHeader,
                    unprotected: signature.unprotectedHeader, signatureValue: signature.signature, sm2ID: sm2ID
                ) { key throws(JWSError) in
                    _ = try jws.verifySignature(
                        at: index, key: key, policy: JWSEvidence.policy,
                        detachedPayload: jws.isDetached ? detached : nil)
                })
        }
        let content = jws.isDetached ? nil : jws.payload(detachedPayload: nil)
        return DocumentEvidence(format: .jwsJSON, signatures: signatures, content: content)
    }
}

/// The evidence of one JWS signature, shared by both serialisations.
enum JWSEvidence {
    /// The largest JWS read (16 MiB).
    static let maximumLength = 16 << 20

    /// Reads `x5c` of JWS signatures (at most 16 certificates); purpose checks follow the
    /// trust-list service in the report.
    static let x5cResolver = X5CKeyResolver(purpose: .any, maximumChainLength: 16)

    /// JWS headers EGovKit understands when they are critical: JAdES `sigT`.
    static let policy = JWSVerificationPolicy(understoodCriticalHeaders: ["sigT"], maximumLength: maximumLength)

    /// The evidence of a signature with protected `header` and `unprotected` header;
    /// `signatureValue` is the decoded JWS Signature Value (the JAdES time-stamps' imprint input
    /// is its base64url form) and `verify` checks the signature with a key.
    static func evidence(
        format: SignatureFormat, identifier: String, header: JWSHeader, unprotected: [String: JSONValue],
        signatureValue: [UInt8], sm2ID: SM2DistinguishingID, verify: (any VerificationKey) throws(JWSError) -> Void
    ) -> SignatureEvidence {
        var evidence = SignatureEvidence(
            format: format, identifier: identifier, algorithm: header.algorithm, check: .valid, signingCertificate: nil)
        // Certificates from x5c, through the shared x5c rule; the chain and the leaf's purpose
        // (signing or seal, from the trust-list service) are validated by the validator.
        guard header.certificateChain?.isEmpty == false else { return evidence }
        let certificates: [Certificate]
        do {
            certificates = try x5cResolver.certificates(in: header)
        } catch {
            evidence.check = .formatFailure(error.reason)
            return evidence
        }
        guard let leaf = certificates.first else { return evidence }
        evidence.signingCertificate = leaf
        evidence.certificates = Array(certificates.dropFirst())
        // x5t#S256 binds the signing certificate into the protected header.
        if let thumbprint = header["x5t#S256"] {
            guard case .string(let text) = thumbprint else {
                evidence.check = .formatFailure("x5t#S256 is not a string")
                return evidence
            }
            evidence.signingCertificateReferenceMatches = text == Base64URL.encode(leaf.fingerprint(.sha256))
        }
        // JAdES sigT: the claimed signing time.
        if let sigT = header["sigT"] {
            guard case .string(let text) = sigT, let date = RFC3339Time.parse(text, precision: .seconds) else {
                evidence.check = .formatFailure("sigT is not an RFC 3339 UTC time")
                return evidence
            }
            evidence.claimedSigningTime = date
        }
        // The signature itself, with the leaf's key bound to the header's algorithm.
        do {
            let key = try X5CKeyResolver.key(
                of: leaf, for: header.algorithm, allowedAlgorithms: Set(SignatureAlgorithm.allCases), sm2ID: sm2ID)
            try verify(key)
        } catch let error as JWSError {
            switch error {
            case .signatureInvalid, .malformedSignature, .algorithmNotAllowed: evidence.check = .signatureInvalid
            case .missingPayload: evidence.check = .signedDataNotFound
            default: evidence.check = .formatFailure(error.reason)
            }
            return evidence
        } catch {
            // The certificate's key does not fit the header's algorithm.
            evidence.check = .signatureInvalid
            return evidence
        }
        // JAdES signature time-stamps in the unprotected header, as found (malformed parts are
        // reported, never proving a time).
        let (tokens, problems) = SignatureTimestamps.tokens(inUnprotected: unprotected)
        let covered = SignatureTimestamps.jadesImprintInput(signatureValue: signatureValue)
        evidence.timestamps = tokens.map { SignatureEvidence.Timestamp(token: $0, coveredData: covered) }
        evidence.timestampProblems = problems
        return evidence
    }
}
