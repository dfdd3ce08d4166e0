import EGovCore
import EGovCrypto
import Foundation

/// Validates signatures against a trust list and a policy at a validation time, and reports in
/// the ETSI EN 319 102-1 vocabulary.
///
/// The order of checks, and the first failure that decides the result:
///
/// | Check | Result when it fails |
/// |---|---|
/// | format conforms | TOTAL_FAILED / FORMAT_FAILURE |
/// | detached data supplied | INDETERMINATE / SIGNED_DATA_NOT_FOUND |
/// | signing certificate present and matching its signed reference | INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND |
/// | digest of the signed data | TOTAL_FAILED / HASH_FAILURE |
/// | signature value | TOTAL_FAILED / SIG_CRYPTO_FAILURE |
/// | algorithm supported and allowed by the policy | INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE |
/// | time-stamp not earlier than the claimed signing time | INDETERMINATE / TIMESTAMP_ORDER_FAILURE |
/// | claimed signing time inside the certificate's validity | TOTAL_FAILED / NOT_YET_VALID or EXPIRED |
/// | chain to a trust-list CA at the validation time | see below |
/// | leaf fits the service's purpose (signing / seal) | INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE |
/// | policy: kind, minimum level, time-stamp, maximum age | INDETERMINATE / SIG_CONSTRAINTS_FAILURE |
///
/// Chain outcomes: no chain to the trust list → NO_CERTIFICATE_CHAIN_FOUND; revocation data
/// missing or stale → TRY_LATER. A certificate **expired** at validation time passes if a trusted
/// time-stamp proves the signature existed while it was valid (the chain is then validated at
/// that time); without such proof the policy decides between INDETERMINATE / OUT_OF_BOUNDS_NO_POE
/// and TOTAL_FAILED / EXPIRED. A **revoked** certificate passes if a time-stamp proves the
/// signature existed before the revocation; it fails (REVOKED) if the revocation precedes the
/// claimed signing time; otherwise the result is INDETERMINATE / REVOKED_NO_POE.
public struct SignatureValidator: Sendable {
    /// The trust services relied on.
    public let trustList: TrustList
    /// The policy applied.
    public let policy: SignaturePolicy
    /// Revocation lists supplied by the caller.
    public let crls: [CertificateRevocationList]
    /// The SM2 distinguishing ID for SM2-signed certificates.
    public let sm2ID: SM2DistinguishingID
    /// Tolerated difference between a claimed signing time and a time-stamp.
    public let allowedClockSkew: TimeInterval

    /// Creates a validator.
    public init(
        trustList: TrustList, policy: SignaturePolicy = .permissive, crls: [CertificateRevocationList] = [],
        sm2ID: SM2DistinguishingID = .default, allowedClockSkew: TimeInterval = 300
    ) {
        self.trustList = trustList
        self.policy = policy
        self.crls = crls
        self.sm2ID = sm2ID
        self.allowedClockSkew = allowedClockSkew
    }

    /// The chain validator used for signer and TSA chains (trust lists may list issuing CAs).
    public var chainValidator: CertificateChainValidator {
        CertificateChainValidator(sm2ID: sm2ID, acceptsIntermediateAnchors: true)
    }

    /// Trust anchors for time-stamping authorities at `time`.
    public func timestampAnchors(at time: Date) -> [Certificate] {
        trustList.anchors(for: [.timestamping], at: time)
    }

    /// A report for all signatures of one document.
    public func report(for evidence: [SignatureEvidence], at validationTime: Date) -> ValidationReport {
        ValidationReport(
            policyID: policy.id, validationTime: validationTime, minimumSignatures: policy.minimumSignatures,
            signatures: evidence.map { assess($0, at: validationTime) })
    }

    /// Validates one signature.
    public func assess(_ evidence: SignatureEvidence, at validationTime: Date) -> SignatureValidationResult {
        var result = SignatureValidationResult(
            identifier: evidence.identifier, format: evidence.format, indication: .indeterminate,
            algorithm: evidence.algorithm, claimedSigningTime: evidence.claimedSigningTime)
        func finish(_ sub: SubIndication?, _ error: String?) -> SignatureValidationResult {
            var final = result
            final.indication = sub?.indication ?? .totalPassed
            final.subIndication = sub
            if let error { final.errors.insert(error, at: 0) }
            if sub != nil { final.level = nil }
            return final
        }

        switch evidence.check {
        case .formatFailure(let detail): return finish(.formatFailure, detail)
        case .signedDataNotFound: return finish(.signedDataNotFound, "the detached signed data was not supplied")
        default: break
        }
        guard let leaf = evidence.signingCertificate else {
            return finish(.noSigningCertificateFound, "no signing certificate found in or with the signature")
        }
        result.signer = SignerIdentity(leaf)
        if evidence.signingCertificateReferenceMatches == false {
            return finish(
                .noSigningCertificateFound, "the certificate does not match the signed signing-certificate reference")
        }
        if evidence.signingCertificateReferenceMatches == nil {
            if policy.requireSigningCertificateReference {
                return finish(.formatFailure, "the signature has no signed reference to its certificate")
            }
            result.warnings.append("the signature carries no signed reference to its certificate")
        }
        switch evidence.check {
        case .hashMismatch: return finish(.hashFailure, "the signed data does not match the signature's digest")
        case .signatureInvalid:
            return finish(.sigCryptoFailure, "the signature value does not verify with the signer's key")
        default: break
        }
        guard let algorithm = evidence.algorithm else {
            return finish(.cryptoConstraintsFailure, "the signature algorithm is not supported")
        }
        guard policy.allowedAlgorithms.contains(algorithm) else {
            return finish(.cryptoConstraintsFailure, "the policy does not allow \(algorithm.rawValue)")
        }

        // Proof of existence from time-stamps.
        for proof in evidence.timeProofs where proof.problem != nil {
            result.warnings.append("a time-stamp was not accepted: \(proof.problem ?? "")")
        }
        let proven = evidence.timeProofs.filter { $0.problem == nil }.map(\.time).min()
        result.provenSigningTime = proven
        if let proven, let claimed = evidence.claimedSigningTime, proven.addingTimeInterval(allowedClockSkew) < claimed
        {
            return finish(.timestampOrderFailure, "the time-stamp is earlier than the claimed signing time")
        }
        if let claimed = evidence.claimedSigningTime {
            if claimed < leaf.notBefore {
                return finish(.notYetValid, "the claimed signing time is before the certificate's validity")
            }
            if claimed > leaf.notAfter {
                return finish(.expired, "the claimed signing time is after the certificate expired")
            }
        }

        // The chain, at the validation time, with fallbacks to a proven signing time.
        var outcome = chain(leaf, evidence.certificates, at: validationTime, revocation: .leafWhenCRLsSupplied)
        if let failure = outcome.result.failure {
            switch failure {
            case .expired:
                if let proven, proven >= leaf.notBefore, proven <= leaf.notAfter {
                    outcome = chain(leaf, evidence.certificates, at: proven, revocation: .leafWhenCRLsSupplied)
                    if let again = outcome.result.failure { return finishChain(again, finish) }
                    result.warnings.append(
                        "the certificate has expired since; a time-stamp proves the signature existed while it was valid"
                    )
                } else if policy.expiredWithoutProof == .failed {
                    return finish(.expired, "the certificate has expired and no time-stamp proves earlier signing")
                } else {
                    return finish(
                        .outOfBoundsNoPOE, "the certificate has expired and no time-stamp proves earlier signing")
                }
            case .revoked:
                let revokedAt = crls.lazy.compactMap { $0.revocationDate(of: leaf.serialNumber) }.first
                if let proven, let revokedAt, proven < revokedAt {
                    outcome = chain(leaf, evidence.certificates, at: proven, revocation: .none)
                    if let again = outcome.result.failure { return finishChain(again, finish) }
                    result.warnings.append(
                        "the certificate was revoked after a time-stamp proves the signature existed")
                } else if let revokedAt, revokedAt <= (evidence.claimedSigningTime ?? validationTime) {
                    return finish(.revoked, "the certificate was revoked before the signing time")
                } else if revokedAt == nil {
                    return finish(.revoked, "a certificate in the chain is revoked")
                } else {
                    return finish(
                        .revokedNoPOE, "the certificate is revoked and nothing proves the signature existed before")
                }
            default:
                return finishChain(failure, finish)
            }
        }
        result.certificateChain = outcome.result.chain.map(\.subject.description)
        guard let service = outcome.service else {
            return finish(
                .chainConstraintsFailure, outcome.purposeProblem ?? "no trust-list service vouches for this chain")
        }
        let signingTime = proven ?? evidence.claimedSigningTime ?? validationTime
        let determined = SignatureLevelRules.determine(leaf: leaf, service: service, signingTime: signingTime)
        result.level = determined.level
        result.kind = determined.kind
        if determined.level < .qualified {
            result.warnings += determined.limits.map {
                "not \(determined.level == .simple ? "advanced" : "qualified"): \($0)"
            }
        }

        // The document type's policy.
        if let kind = policy.requiredKind, kind != determined.kind {
            return finish(
                .sigConstraintsFailure, "the policy requires a \(kind.rawValue), this is a \(determined.kind.rawValue)")
        }
        if determined.level < policy.minimumLevel {
            return finish(
                .sigConstraintsFailure,
                "the policy requires at least \(policy.minimumLevel.rawValue), this is \(determined.level.rawValue)")
        }
        if policy.timestampRequired && proven == nil {
            return finish(.sigConstraintsFailure, "the policy requires a signature time-stamp")
        }
        if let maximumAge = policy.maximumAge {
            guard let time = proven ?? evidence.claimedSigningTime else {
                return finish(
                    .sigConstraintsFailure, "the policy limits the signature's age but it has no signing time")
            }
            if validationTime.timeIntervalSince(time) > maximumAge {
                return finish(.sigConstraintsFailure, "the signature is older than the policy allows")
            }
        }
        return finish(nil, nil)
    }

    /// The chain of `leaf` validated separately against the signing and the seal services (one
    /// CA may be listed for both, and a listed intermediate ends OpenSSL's chain there): the first
    /// valid chain whose service the leaf fits, else a valid chain with the purpose problem, else
    /// the most informative failure (anything rather than "issuer not found").
    private func chain(
        _ leaf: Certificate, _ intermediates: [Certificate], at time: Date, revocation: RevocationCheck
    ) -> (result: ChainValidationResult, service: TrustedService?, purposeProblem: String?) {
        var fallback: (result: ChainValidationResult, service: TrustedService?, purposeProblem: String?)?
        var failures: [ChainValidationResult] = []
        for type in Self.serviceOrder(for: leaf) {
            let anchors = trustList.anchors(for: [type], at: time)
            guard !anchors.isEmpty else { continue }
            let result = chainValidator.validate(
                leaf, intermediates: intermediates, trustAnchors: anchors, crls: crls, at: time, revocation: revocation)
            guard result.isValid else {
                failures.append(result)
                continue
            }
            guard
                let service = result.chain.dropFirst().lazy.compactMap({
                    self.trustList.services(containing: $0, types: [type]).first
                }).first
            else { continue }
            let purpose: CertificatePurpose = type == .seal ? .seal : .signing
            if let violation = purpose.violation(in: leaf) {
                if fallback == nil {
                    fallback = (result, nil, "the certificate does not fit a \(purpose.rawValue) service: \(violation)")
                }
                continue
            }
            return (result, service, nil)
        }
        if let fallback { return fallback }
        let informative =
            failures.first {
                $0.failure != .issuerNotFound && $0.failure != .untrustedRoot
            } ?? failures.first
        return (informative ?? .invalid(.issuerNotFound), nil, nil)
    }

    /// Which service type to try first for `leaf`: its QcType statement when present (eseal /
    /// esign), otherwise seal first for an organisation subject (organizationIdentifier
    /// 2.5.4.97 without a personal given name or surname), signing first for anyone else.
    static func serviceOrder(for leaf: Certificate) -> [TrustedService.ServiceType] {
        let statements = Set(leaf.qcStatementOIDs)
        if statements.contains(SignatureLevelRules.qcTypeESeal) { return [.seal, .signing] }
        if statements.contains(SignatureLevelRules.qcTypeESign) { return [.signing, .seal] }
        let subject = leaf.subject
        let organisation = subject.firstValue(forOID: "2.5.4.97") != nil
        let person = subject.firstValue(forOID: "2.5.4.42") != nil || subject.firstValue(forOID: "2.5.4.4") != nil
        return organisation && !person ? [.seal, .signing] : [.signing, .seal]
    }

    private func finishChain(
        _ failure: ChainValidationFailure, _ finish: (SubIndication?, String?) -> SignatureValidationResult
    ) -> SignatureValidationResult {
        let detail = "certificate chain: \(failure.reason)"
        switch failure {
        case .issuerNotFound, .untrustedRoot: return finish(.noCertificateChainFound, detail)
        case .purposeMismatch: return finish(.chainConstraintsFailure, detail)
        case .crlUnavailable, .crlExpired, .crlNotYetValid: return finish(.tryLater, detail)
        case .expired: return finish(.outOfBoundsNoPOE, detail)
        case .notYetValid: return finish(.notYetValid, detail)
        case .revoked: return finish(.revoked, detail)
        default: return finish(.certificateChainGeneralFailure, detail)
        }
    }
}
