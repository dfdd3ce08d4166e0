import EGovCore
import EGovCrypto
import Foundation

extension SignatureValidator {
    /// Validates a JWS — compact (`header.payload.signature`) or JSON serialisation (text starting
    /// with `{`) — with every signature assessed.
    ///
    /// - Parameters:
    ///   - text: the JWS.
    ///   - detachedPayload: the signed data when the JWS is detached.
    ///   - validationTime: the time to validate at.
    public func validateJWS(_ text: String, detachedPayload: [UInt8]? = nil, at validationTime: Date)
        -> DocumentValidation
    {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            return validateJWSJSON(Array(trimmed.utf8), detachedPayload: detachedPayload, at: validationTime)
        }
        let parsed: CompactJWS
        do {
            parsed = try CompactJWS(parsing: trimmed, limit: 16 << 20)
        } catch {
            return formatFailure(.jwsCompact, error.reason, at: validationTime)
        }
        var content: [UInt8]?
        let evidence = jwsEvidence(
            format: .jwsCompact, identifier: "signature-1", header: parsed.header, unprotected: [:],
            signatureValue: [], validationTime: validationTime
        ) { key throws(JWSError) in
            let verified = try parsed.verified(
                with: key, policy: Self.jwsPolicy, detachedPayload: parsed.isDetached ? detachedPayload : nil)
            if !parsed.isDetached { content = verified.payload }
        }
        return DocumentValidation(report: report(for: [evidence], at: validationTime), content: content)
    }

    /// Validates a JWS JSON serialisation (general or flattened).
    public func validateJWSJSON(_ bytes: [UInt8], detachedPayload: [UInt8]? = nil, at validationTime: Date)
        -> DocumentValidation
    {
        let jws: JWSJSON
        do {
            jws = try JWSJSON(parsing: bytes)
        } catch {
            return formatFailure(.jwsJSON, error.reason, at: validationTime)
        }
        var evidence: [SignatureEvidence] = []
        for (index, signature) in jws.signatures.enumerated() {
            evidence.append(
                jwsEvidence(
                    format: .jwsJSON, identifier: "signature-\(index + 1)", header: signature.protectedHeader,
                    unprotected: signature.unprotectedHeader, signatureValue: signature.signature,
                    validationTime: validationTime
                ) { key throws(JWSError) in
                    _ = try jws.verifySignature(
                        at: index, key: key, policy: Self.jwsPolicy,
                        detachedPayload: jws.isDetached ? detachedPayload : nil)
                })
        }
        let content = jws.isDetached ? nil : jws.payload(detachedPayload: nil)
        return DocumentValidation(report: report(for: evidence, at: validationTime), content: content)
    }

    /// Reads `x5c` of JWS signatures (at most 16 certificates); purpose checks follow the
    /// trust-list service in the report.
    static let x5cResolver = X5CKeyResolver(purpose: .any, maximumChainLength: 16)

    /// JWS headers EGovKit understands when they are critical: JAdES `sigT`.
    static let jwsPolicy = JWSVerificationPolicy(understoodCriticalHeaders: ["sigT"], maximumLength: 16 << 20)

    private func formatFailure(_ format: SignatureFormat, _ reason: String, at time: Date) -> DocumentValidation {
        let evidence = SignatureEvidence(
            format: format, identifier: "signature-1", algorithm: nil, check: .formatFailure(reason),
            signingCertificate: nil)
        return DocumentValidation(report: report(for: [evidence], at: time), content: nil)
    }

    private func jwsEvidence(
        format: SignatureFormat, identifier: String, header: JWSHeader, unprotected: [String: JSONValue],
        signatureValue: [UInt8], validationTime: Date, verify: (any VerificationKey) throws(JWSError) -> Void
    ) -> SignatureEvidence {
        var evidence = SignatureEvidence(
            format: format, identifier: identifier, algorithm: header.algorithm, check: .valid, signingCertificate: nil)
        // Certificates from x5c, through the shared x5c rule; the chain and the leaf's purpose
        // (signing or seal, from the trust-list service) are validated by the report.
        guard header.certificateChain?.isEmpty == false else { return evidence }
        let certificates: [Certificate]
        do {
            certificates = try Self.x5cResolver.certificates(in: header)
        } catch {
            evidence.check = .formatFailure(error.reason)
            return evidence
        }
        let leaf = certificates[0]
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
            guard case .string(let text) = sigT, let date = ISO8601DateFormatter().date(from: text) else {
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
        // JAdES signature time-stamps in the unprotected header (malformed parts are reported).
        evidence.timeProofs = SignatureTimestamps.jadesProofs(
            unprotected: unprotected, signatureValue: signatureValue, validator: self, at: validationTime,
            intermediates: certificates)
        return evidence
    }
}
