import EGovCore
import EGovCrypto
import Foundation

/// Proof of existence from signature time-stamps: each token found by the adapter is verified
/// against the trust list's time-stamping services; tokens that do not verify (and malformed
/// time-stamp containers) become warnings. The earliest accepted time is the proven signing time,
/// which must not be earlier than the claimed signing time (beyond the allowed clock skew):
/// INDETERMINATE / TIMESTAMP_ORDER_FAILURE otherwise.
struct TimestampCheck: SignatureCheck {
    func evaluate(_ state: inout SignatureCheckState) -> SignatureCheckOutcome {
        let evidence = state.evidence
        let intermediates = (evidence.signingCertificate.map { [$0] } ?? []) + evidence.certificates
        let proofs =
            evidence.timeProofs
            + evidence.timestamps.map {
                Self.proof($0, validator: state.validator, at: state.validationTime, intermediates: intermediates)
            }
            + evidence.timestampProblems.map {
                SignatureEvidence.TimeProof(time: .distantPast, authority: "?", problem: $0)
            }
        for proof in proofs where proof.problem != nil {
            state.result.warnings.append("a time-stamp was not accepted: \(proof.problem ?? "")")
        }
        let proven = proofs.filter { $0.problem == nil }.map(\.time).min()
        state.provenSigningTime = proven
        state.result.provenSigningTime = proven
        if let proven, let claimed = evidence.claimedSigningTime,
            proven.addingTimeInterval(state.validator.allowedClockSkew) < claimed
        {
            return .failed(.timestampOrderFailure, "the time-stamp is earlier than the claimed signing time")
        }
        return .passed
    }

    /// Checks `timestamp` against the validator's time-stamping services.
    ///
    /// The TSA certificate is validated at `validationTime` with the validator's CRLs (current
    /// revocation data describes the present). Only if it has expired since is it validated at the
    /// token's generation time instead, without CRLs (which would postdate that time).
    /// `intermediates` (the certificates shipped with the signature) help build the TSA's chain
    /// when the token does not embed its issuing CA.
    static func proof(
        _ timestamp: SignatureEvidence.Timestamp, validator: SignatureValidator, at validationTime: Date,
        intermediates: [Certificate]
    ) -> SignatureEvidence.TimeProof {
        let token: TimeStampToken
        do { token = try TimeStampToken(derRepresentation: timestamp.token) } catch {
            return .init(
                time: .distantPast, authority: "?",
                problem: "unreadable time-stamp token: \(error.reason)")
        }
        let authority = token.tsaCertificate?.subject.description ?? "unknown TSA"
        guard let hash = token.hashAlgorithm else {
            return .init(time: token.generationTime, authority: authority, problem: "unsupported imprint algorithm")
        }
        let digest = hash.hash(timestamp.coveredData)
        var result = token.verify(
            digest: digest, hashAlgorithm: hash, trustAnchors: validator.timestampAnchors(at: validationTime),
            intermediates: intermediates, crls: validator.crls, at: validationTime,
            validator: validator.chainValidator)
        if result.failure == .tsaCertificateRejected(.expired) {
            result = token.verify(
                digest: digest, hashAlgorithm: hash, trustAnchors: validator.timestampAnchors(at: token.generationTime),
                intermediates: intermediates, at: token.generationTime, validator: validator.chainValidator)
        }
        return .init(time: token.generationTime, authority: authority, problem: result.failure?.reason)
    }
}
