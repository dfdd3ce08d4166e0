import EGovCrypto
import Foundation

/// One step of ``SignatureValidator``'s validation of a signature: it reads the evidence and what
/// earlier checks established, adds its part of the result (signer, warnings, proven time, chain,
/// level), and either lets the next check run or ends validation with a sub-indication.
///
/// The checks run in the order of ``SignatureValidator/checks``; the first failure decides.
protocol SignatureCheck: Sendable {
    /// Runs the check on `state`.
    func evaluate(_ state: inout SignatureCheckState) -> SignatureCheckOutcome
}

/// Whether a check lets validation go on.
enum SignatureCheckOutcome: Sendable, Equatable {
    /// The check passed; the next one runs.
    case passed
    /// The check failed: validation ends with `subIndication`, `error` first among the errors.
    case failed(SubIndication, String)
}

/// What the checks of one signature share: the inputs, the result being built, and what earlier
/// checks established for later ones.
struct SignatureCheckState: Sendable {
    /// The validator (trust list, policy, CRLs, chain validator).
    let validator: SignatureValidator
    /// The signature's evidence, as its format adapter extracted it.
    let evidence: SignatureEvidence
    /// The time the validation is for.
    let validationTime: Date
    /// The result so far.
    var result: SignatureValidationResult
    /// The signing certificate (``SigningCertificateCheck``).
    var signingCertificate: Certificate?
    /// The earliest time a trusted time-stamp proves (``TimestampCheck``).
    var provenSigningTime: Date?
    /// The chain validated to the trust list (``ChainCheck``).
    var chain: ChainOutcome?
    /// The trust-list service vouching for the chain, which the leaf fits (``ServicePurposeCheck``).
    var service: TrustedService?
    /// The level and kind determined (``SignatureLevelCheck``).
    var determined: (level: SignatureLevel, kind: SignatureKind)?

    /// The state before the first check.
    init(validator: SignatureValidator, evidence: SignatureEvidence, validationTime: Date) {
        self.validator = validator
        self.evidence = evidence
        self.validationTime = validationTime
        result = SignatureValidationResult(
            identifier: evidence.identifier, format: evidence.format, indication: .indeterminate,
            algorithm: evidence.algorithm, claimedSigningTime: evidence.claimedSigningTime)
    }

    /// The final result: TOTAL_PASSED without a sub-indication, otherwise the sub-indication's
    /// indication with `error` first and no level.
    func finished(_ subIndication: SubIndication?, _ error: String?) -> SignatureValidationResult {
        var final = result
        final.indication = subIndication?.indication ?? .totalPassed
        final.subIndication = subIndication
        if let error { final.errors.insert(error, at: 0) }
        if subIndication != nil { final.level = nil }
        return final
    }
}

/// A chain validated against the trust list, the service vouching for it (when the leaf fits its
/// purpose), or why the leaf does not fit.
struct ChainOutcome: Sendable {
    /// The chain validation result.
    var result: ChainValidationResult
    /// The service whose CA the chain reaches and whose purpose the leaf fits.
    var service: TrustedService?
    /// Why the leaf does not fit the purpose of the service its valid chain reaches.
    var purposeProblem: String?
}
