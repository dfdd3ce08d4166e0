import EGovCore
import EGovCrypto
import EGovSignature
import Foundation

/// Validation of a compact-JWS seal (document seal or receipt) against a trust list: the JWS
/// `typ`, a TOTAL_PASSED report for exactly one seal of at least the minimum level, and the
/// sealing organisation.
enum SealCheck {
    struct Outcome {
        let payload: [UInt8]
        let organization: String?
    }

    /// Validates `jws`; returns its payload and the seal certificate's organisation name.
    ///
    /// - Returns: `nil` for a wrong `typ` or an unparsable JWS; otherwise the report decides
    ///   through `failure`.
    static func validate(
        _ jws: String, type: String, trustList: TrustList, minimumLevel: SignatureLevel, at time: Date,
        failure: (Indication, SubIndication?) -> DocumentExchangeError
    ) throws(DocumentExchangeError) -> Outcome {
        guard let parsed = try? CompactJWS(parsing: jws, limit: DocumentReceipt.maximumLength * 4),
            parsed.header.type == type, !parsed.isDetached
        else { throw failure(.totalFailed, .formatFailure) }
        let policy = SignaturePolicy(
            id: "egovkit:interop:seal", documentType: type, minimumLevel: minimumLevel, requiredKind: .seal,
            requireSigningCertificateReference: true)
        let validator = SignatureValidator(trustList: trustList, policy: policy, formats: [JWSCompactFormatAdapter()])
        let evidence = validator.evidence(in: Array(jws.utf8), detached: nil)
        let report = validator.report(for: evidence.signatures, at: time)
        guard report.indication == .totalPassed, report.signatures.count == 1, let payload = evidence.content else {
            throw failure(report.indication, report.subIndication)
        }
        return Outcome(payload: payload, organization: report.signatures.first?.signer?.organization)
    }
}
