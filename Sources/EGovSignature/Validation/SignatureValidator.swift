import EGovCore
import EGovCrypto
import Foundation

/// Validates signatures against a trust list and a policy at a validation time, and reports in
/// the ETSI EN 319 102-1 vocabulary.
///
/// ``validate(document:detached:at:)`` is the entry point: it picks the format adapter that
/// detects the document (``formats``: CMS, JWS JSON, JWS compact), has it extract each
/// signature's ``SignatureEvidence``, and runs the checks below on every signature.
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
///
/// Each row is one small check (Sources/EGovSignature/Validation/Checks), run in this order, with
/// the level determination (which never fails) between the last two; each adds its part of the
/// ``SignatureValidationResult`` (signer, proven signing time, chain, level, warnings). Time-stamp tokens are verified against the trust list's time-stamping services by
/// the time-stamp check, never by the format adapters.
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
    /// The format adapters, asked in order; the first that detects a document reads it.
    public let formats: [any SignatureFormatAdapter]

    /// The adapters EGovKit ships, in detection order: CMS (DER or PEM), JWS JSON, JWS compact.
    public static let standardFormats: [any SignatureFormatAdapter] = [
        CMSFormatAdapter(), JWSJSONFormatAdapter(), JWSCompactFormatAdapter(),
    ]

    /// Creates a validator.
    public init(
        trustList: TrustList, policy: SignaturePolicy = .permissive, crls: [CertificateRevocationList] = [],
        sm2ID: SM2DistinguishingID = .default, allowedClockSkew: TimeInterval = 300,
        formats: [any SignatureFormatAdapter] = SignatureValidator.standardFormats
    ) {
        self.trustList = trustList
        self.policy = policy
        self.crls = crls
        self.sm2ID = sm2ID
        self.allowedClockSkew = allowedClockSkew
        self.formats = formats
    }

    /// The chain validator used for signer and TSA chains (trust lists may list issuing CAs).
    public var chainValidator: CertificateChainValidator {
        CertificateChainValidator(sm2ID: sm2ID, acceptsIntermediateAnchors: true)
    }

    /// Trust anchors for time-stamping authorities at `time`.
    public func timestampAnchors(at time: Date) -> [Certificate] {
        trustList.anchors(for: [.timestamping], at: time)
    }

    /// Validates every signature of a signed document: the one validation entry point.
    ///
    /// The first of ``formats`` that detects `document` extracts the evidence; the report then
    /// follows the checks in the table above. It never throws: bytes no adapter recognises, and
    /// malformed containers, give a TOTAL_FAILED / FORMAT_FAILURE report.
    ///
    /// - Parameters:
    ///   - document: the signature container as received (CMS DER or PEM, JWS compact or JSON).
    ///   - detached: the signed data when the signature is detached; ignored when it is attached.
    ///   - validationTime: the time to validate at.
    /// - Returns: the report. To use attached content, take it from ``evidence(in:detached:)``
    ///   and pass that evidence to ``report(for:at:)``.
    public func validate(document: [UInt8], detached: [UInt8]?, at validationTime: Date) -> ValidationReport {
        report(for: evidence(in: document, detached: detached).signatures, at: validationTime)
    }

    /// The evidence of every signature in `document`, from the first of ``formats`` that detects
    /// it, with the attached content if any; nothing is trusted yet.
    ///
    /// Bytes no adapter detects give one signature of format ``SignatureFormat/unknown`` whose
    /// check is a format failure.
    public func evidence(in document: [UInt8], detached: [UInt8]?) -> DocumentEvidence {
        guard let adapter = formats.first(where: { $0.detects(document) }) else {
            let known = formats.map(\.format.rawValue).joined(separator: ", ")
            return .formatFailure(.unknown, "not a signature format this validator reads (\(known))")
        }
        return adapter.evidence(in: document, detached: detached, sm2ID: sm2ID)
    }

    /// A report for all signatures of one document, from their evidence.
    public func report(for evidence: [SignatureEvidence], at validationTime: Date) -> ValidationReport {
        ValidationReport(
            policyID: policy.id, validationTime: validationTime, minimumSignatures: policy.minimumSignatures,
            signatures: evidence.map { validate($0, at: validationTime) })
    }

    /// The checks, in the order of the table above; the first failure decides.
    static let checks: [any SignatureCheck] = [
        FormatCheck(),
        SignedDataCheck(),
        SigningCertificateCheck(),
        DigestCheck(),
        SignatureValueCheck(),
        AlgorithmCheck(),
        TimestampCheck(),
        SigningTimeCheck(),
        ChainCheck(),
        ServicePurposeCheck(),
        SignatureLevelCheck(),
        PolicyConstraintsCheck(),
    ]

    /// Validates one signature from its evidence: the checks of the table above, in order, until
    /// the first failure.
    public func validate(_ evidence: SignatureEvidence, at validationTime: Date) -> SignatureValidationResult {
        var state = SignatureCheckState(validator: self, evidence: evidence, validationTime: validationTime)
        for check in Self.checks {
            if case .failed(let subIndication, let error) = check.evaluate(&state) {
                return state.finished(subIndication, error)
            }
        }
        return state.finished(nil, nil)
    }
}
