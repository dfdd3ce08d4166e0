import EGovCrypto
import Foundation

/// The signing certificate chains to a trust-list CA at the validation time.
///
/// No chain → NO_CERTIFICATE_CHAIN_FOUND; revocation data missing or stale → TRY_LATER. A
/// certificate expired at the validation time passes if a trusted time-stamp proves the signature
/// existed while it was valid (the chain is then validated at that time); otherwise the policy
/// decides between OUT_OF_BOUNDS_NO_POE and EXPIRED. A revoked certificate passes if a time-stamp
/// proves the signature existed before the revocation; it fails (REVOKED) if the revocation
/// precedes the claimed signing time; otherwise REVOKED_NO_POE. Records the chain in the result.
struct ChainCheck: SignatureCheck {
    func evaluate(_ state: inout SignatureCheckState) -> SignatureCheckOutcome {
        guard let leaf = state.signingCertificate else {
            return .failed(.noSigningCertificateFound, "no signing certificate found in or with the signature")
        }
        let validator = state.validator
        let intermediates = state.evidence.certificates
        let proven = state.provenSigningTime
        var outcome = validator.chain(
            leaf, intermediates, at: state.validationTime, revocation: .leafWhenCRLsSupplied)
        if let failure = outcome.result.failure {
            switch failure {
            case .expired:
                if let proven, proven >= leaf.notBefore, proven <= leaf.notAfter {
                    outcome = validator.chain(leaf, intermediates, at: proven, revocation: .leafWhenCRLsSupplied)
                    if let again = outcome.result.failure { return Self.failed(again) }
                    state.result.warnings.append(
                        "the certificate has expired since; a time-stamp proves the signature existed while it was valid"
                    )
                } else if validator.policy.expiredWithoutProof == .failed {
                    return .failed(.expired, "the certificate has expired and no time-stamp proves earlier signing")
                } else {
                    return .failed(
                        .outOfBoundsNoPOE, "the certificate has expired and no time-stamp proves earlier signing")
                }
            case .revoked:
                let revokedAt = validator.crls.lazy.compactMap { $0.revocationDate(of: leaf.serialNumber) }.first
                if let proven, let revokedAt, proven < revokedAt {
                    outcome = validator.chain(leaf, intermediates, at: proven, revocation: .none)
                    if let again = outcome.result.failure { return Self.failed(again) }
                    state.result.warnings.append(
                        "the certificate was revoked after a time-stamp proves the signature existed")
                } else if let revokedAt, revokedAt <= (state.evidence.claimedSigningTime ?? state.validationTime) {
                    return .failed(.revoked, "the certificate was revoked before the signing time")
                } else if revokedAt == nil {
                    return .failed(.revoked, "a certificate in the chain is revoked")
                } else {
                    return .failed(
                        .revokedNoPOE, "the certificate is revoked and nothing proves the signature existed before")
                }
            default:
                return Self.failed(failure)
            }
        }
        state.chain = outcome
        state.result.certificateChain = outcome.result.chain.map(\.subject.description)
        return .passed
    }

    /// The sub-indication for a chain validation failure.
    static func failed(_ failure: ChainValidationFailure) -> SignatureCheckOutcome {
        let detail = "certificate chain: \(failure.reason)"
        return .failed(subIndication(for: failure), detail)
    }

    /// ETSI EN 319 102-1's sub-indication for each kind of chain failure.
    static func subIndication(for failure: ChainValidationFailure) -> SubIndication {
        switch failure {
        case .issuerNotFound, .untrustedRoot: .noCertificateChainFound
        case .purposeMismatch: .chainConstraintsFailure
        case .crlUnavailable, .crlExpired, .crlNotYetValid: .tryLater
        case .expired: .outOfBoundsNoPOE
        case .notYetValid: .notYetValid
        case .revoked: .revoked
        default: .certificateChainGeneralFailure
        }
    }
}

extension SignatureValidator {
    /// The chain of `leaf` validated separately against the signing and the seal services (one
    /// CA may be listed for both, and a listed intermediate ends OpenSSL's chain there): the first
    /// valid chain whose service the leaf fits, else a valid chain with the purpose problem, else
    /// the most informative failure (anything rather than "issuer not found").
    func chain(_ leaf: Certificate, _ intermediates: [Certificate], at time: Date, revocation: RevocationCheck)
        -> ChainOutcome
    {
        var fallback: ChainOutcome?
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
                    fallback = ChainOutcome(
                        result: result, service: nil,
                        purposeProblem: "the certificate does not fit a \(purpose.rawValue) service: \(violation)")
                }
                continue
            }
            return ChainOutcome(result: result, service: service, purposeProblem: nil)
        }
        if let fallback { return fallback }
        let informative =
            failures.first {
                $0.failure != .issuerNotFound && $0.failure != .untrustedRoot
            } ?? failures.first
        return ChainOutcome(result: informative ?? .invalid(.issuerNotFound), service: nil, purposeProblem: nil)
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
}
